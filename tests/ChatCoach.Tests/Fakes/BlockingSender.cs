using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.Tests.Fakes;

/// <summary>
/// Sends the first <c>limit</c> posts, then holds every further post "in flight" until shutdown cancels it, as a slow
/// platform would. Posts held in flight are counted as delivered: the platform may have shown them before the stop.
/// </summary>
/// With <c>answersTemporaryOnStop</c> the cancelled post comes back as a temporary failure instead of an exception, as a
/// sender that turns every error into an outcome does.
public sealed class BlockingSender(int limit, int expectedInFlight, bool answersTemporaryOnStop = false) : IChatSender
{
    private readonly TaskCompletionSource _saturated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public ConcurrentQueue<string> Delivered { get; } = new();

    public ConcurrentQueue<string> InFlight { get; } = new();

    /// <summary>Completes when every parallel slot is held in flight.</summary>
    public Task Saturated => _saturated.Task;

    public string Platform => "telegram";

    public async Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _started) <= limit)
        {
            Delivered.Enqueue(chat.ChatId);
            return SendOutcome.Sent;
        }

        InFlight.Enqueue(chat.ChatId);
        if (InFlight.Count >= expectedInFlight)
        {
            _saturated.TrySetResult();
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException) when (answersTemporaryOnStop)
        {
            return SendOutcome.Temporary("request cancelled");
        }

        throw new InvalidOperationException("unreachable: only cancellation ends an in-flight post");
    }
}

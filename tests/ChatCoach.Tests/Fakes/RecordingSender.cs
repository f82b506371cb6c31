using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.Tests.Fakes;

/// <summary>Records posts with the fake time of sending; outcomes may be scripted per chat.</summary>
public sealed class RecordingSender(TimeProvider time) : IChatSender
{
    public ConcurrentQueue<(ChatAddress Chat, DateTimeOffset At, Reply Reply)> Sent { get; } = new();

    public ConcurrentQueue<(ChatAddress Chat, DateTimeOffset At)> Attempts { get; } = new();

    public ConcurrentDictionary<string, ConcurrentQueue<SendOutcome>> Scripts { get; } = new();

    public string Platform => "telegram";

    public Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((chat, time.GetUtcNow()));
        var outcome = Scripts.TryGetValue(chat.ChatId, out var script) && script.TryDequeue(out var next) ? next : SendOutcome.Sent;
        if (outcome.Status == SendStatus.Sent)
        {
            Sent.Enqueue((chat, time.GetUtcNow(), reply));
        }

        return Task.FromResult(outcome);
    }
}

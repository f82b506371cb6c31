using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.Testing;

/// <summary>Records every post with the fake time it was sent; outcomes can be scripted per attempt.</summary>
public sealed class RecordingChatSender(TimeProvider time, string platform = "telegram") : IChatSender
{
    private readonly ConcurrentQueue<Func<ChatAddress, SendOutcome>> _script = new();

    public ConcurrentQueue<(ChatAddress Chat, DateTimeOffset At, Reply Reply)> Sent { get; } = new();

    public ConcurrentQueue<(ChatAddress Chat, DateTimeOffset At)> Attempts { get; } = new();

    public string Platform => platform;

    /// <summary>Chats this sender does not post to (another shard's).</summary>
    public HashSet<string> ForeignChats { get; } = [];

    public bool PostsTo(ChatAddress chat) => !ForeignChats.Contains(chat.ChatId);

    /// <summary>Chats this sender reports as one-to-one chats with a person (every other chat is a group).</summary>
    public HashSet<string> DirectChats { get; } = [];

    public bool IsDirectChat(ChatAddress chat) => DirectChats.Contains(chat.ChatId);

    /// <summary>The next sends return these outcomes in order; after that every send succeeds.</summary>
    public void Script(params SendOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _script.Enqueue(_ => outcome);
        }
    }

    public Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((chat, time.GetUtcNow()));
        var outcome = _script.TryDequeue(out var next) ? next(chat) : SendOutcome.Sent;
        if (outcome.Status == SendStatus.Sent)
        {
            Sent.Enqueue((chat, time.GetUtcNow(), reply));
        }

        return Task.FromResult(outcome);
    }
}

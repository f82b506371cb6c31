using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.DailyPosts;

/// <summary>
/// How the core posts without being asked (the daily routine). Each adapter implements it for its platform;
/// the scheduler picks the sender whose <see cref="Platform"/> matches the subscription.
/// </summary>
public interface IChatSender
{
    /// <summary>Lower-case platform name, as in <see cref="InboundMessage.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>
    /// Whether this process posts to that chat. A Discord shard handles only its own guilds; the scheduler skips
    /// (and leaves due) subscriptions that no local sender handles, so another process can post them.
    /// </summary>
    bool PostsTo(ChatAddress chat) => true;

    /// <summary>
    /// Whether the chat is a one-to-one chat with a person: the daily post there keeps the full routine, while a group
    /// or channel gets the compact one. False when the platform cannot tell (the compact post suits any chat).
    /// </summary>
    bool IsDirectChat(ChatAddress chat) => false;

    /// <summary>
    /// Sends a post, waiting for the platform's rate limits as needed. Scheduled posts go behind replies to people.
    /// Never throws for a platform error: the outcome says whether to retry later or give up on the chat.
    /// </summary>
    Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken);
}

public enum SendStatus
{
    Sent,

    /// <summary>Worth trying again later (rate limit exhausted, 5xx, network).</summary>
    TemporaryFailure,

    /// <summary>The chat is gone or the bot may no longer post there (blocked, kicked, deleted).</summary>
    PermanentFailure,
}

public sealed record SendOutcome(SendStatus Status, string? Reason = null)
{
    /// <summary>
    /// Set on a sent outcome when the platform said the chat lives at a new address now (a Telegram group upgraded to
    /// a supergroup) and the message went there: the subscription should move to it.
    /// </summary>
    public ChatAddress? MovedTo { get; init; }

    public static SendOutcome Sent { get; } = new(SendStatus.Sent);

    public static SendOutcome Temporary(string reason) => new(SendStatus.TemporaryFailure, reason);

    public static SendOutcome Permanent(string reason) => new(SendStatus.PermanentFailure, reason);
}

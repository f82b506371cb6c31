using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.DailyPosts;

/// <summary>
/// Daily routine posts to one chat. <see cref="NextLocalDate"/> and <see cref="NextDue"/> say which local day's post
/// comes next and when; the scheduler's due scan is a range query on <see cref="NextDue"/>.
/// </summary>
public sealed record Subscription
{
    public required ChatAddress Chat { get; init; }

    /// <summary>The wall-clock time of the post in <see cref="ZoneId"/>.</summary>
    public required LocalTime LocalTime { get; init; }

    /// <summary>The subscriber's zone when they subscribed (NodaTime id); null means UTC.</summary>
    public string? ZoneId { get; init; }

    /// <summary><c>hips</c>, <c>ankles</c>, <c>recovery</c>, or null for balanced.</summary>
    public string? Focus { get; init; }

    /// <summary>The language the posts are written in (<c>en</c>, <c>zh</c>): the subscriber's when they set it up, or the one given to /subscribe; null means English.</summary>
    public string? Language { get; init; }

    public required PersonKey CreatedBy { get; init; }

    /// <summary>
    /// True when it was made in the creator's own direct chat with the bot: <c>/forget</c> deletes it with them. The
    /// chat's id alone can't tell (a Discord DM channel's id is not the user's id).
    /// </summary>
    public bool InDirectChat { get; init; }

    /// <summary>When someone last subscribed or changed the subscription (a day given up before that is tried afresh).</summary>
    public Instant ChangedAt { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Why posting stopped (the platform's reason for a permanent failure).</summary>
    public string? DisabledReason { get; init; }

    /// <summary>The local date whose post is next.</summary>
    public LocalDate NextLocalDate { get; init; }

    /// <summary>When that post is due (or, after a temporary failure, when to retry). <see cref="Instant.MaxValue"/> when disabled.</summary>
    public Instant NextDue { get; init; }

    public string Id => KeyOf(Chat);

    /// <summary>The creator of a subscription whose creator asked to be forgotten (it names nobody).</summary>
    public static PersonKey NoCreator { get; } = new("", "");

    /// <summary>
    /// True when this is <paramref name="person"/>'s own direct chat: recorded as such, or (saved before that was
    /// recorded) a chat whose id is the creator's user id, Telegram's shape of a private chat.
    /// </summary>
    public bool IsDirectChatOf(PersonKey person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return CreatedBy == person && (InDirectChat || (Chat.Platform == person.Platform && Chat.ChatId == person.UserId));
    }

    /// <summary>One subscription per platform chat.</summary>
    public static string KeyOf(ChatAddress chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return $"{chat.Platform}:{chat.ChatId}";
    }
}

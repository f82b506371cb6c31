namespace ChatCoach.Core.Conversation;

/// <summary>
/// One thing a person did in a chat, translated by an adapter into platform-free terms:
/// either text (a command with arguments, or free text) or the press of a reply button.
/// </summary>
/// <param name="Platform">Lower-case platform name: <c>telegram</c>, <c>discord</c> or <c>console</c>.</param>
/// <param name="ChatId">The platform's id of the chat (direct chat, group, or server channel).</param>
/// <param name="UserId">The platform's id of the sender.</param>
/// <param name="UserDisplayName">How to address the sender; never used as an identity.</param>
/// <param name="IsDirect">True in a one-to-one chat with the bot.</param>
/// <param name="IsAdmin">True when the sender may manage this chat (always true in a direct chat).</param>
/// <param name="Text">Typed text, or null for a button press.</param>
/// <param name="Action">The action of a pressed button (see <see cref="ReplyButton.Action"/>), or null.</param>
public sealed record InboundMessage(
    string Platform,
    string ChatId,
    string UserId,
    string UserDisplayName,
    bool IsDirect,
    bool IsAdmin,
    string? Text,
    string? Action = null)
{
    /// <summary>The server (Discord guild) the chat belongs to, when the platform has servers.</summary>
    public string? ServerId { get; init; }

    /// <summary>The bot's own user name, so that <c>/help@otherbot</c> can be told from <c>/help@thisbot</c>.</summary>
    public string? BotUserName { get; init; }

    /// <summary>True when the message mentions the bot or replies to it, so free text in a group is for us.</summary>
    public bool IsAddressedToBot { get; init; }

    /// <summary>True where a command may be typed without its leading slash (the console chat).</summary>
    public bool AllowsBareCommands { get; init; }

    /// <summary>
    /// When the person sent it, if the platform says so and it may differ from when it is handled (a message that
    /// waited through an outage): a Done counts the local date of this moment. Null means "now".
    /// </summary>
    public NodaTime.Instant? OccurredAt { get; init; }

    /// <summary>The thread inside the chat (a Telegram forum topic) it was posted in, if any; replies and a subscription made here go to it.</summary>
    public string? ThreadId { get; init; }

    /// <summary>
    /// The language the sender's app is set to, as the platform reports it (Telegram <c>from.language_code</c>, Discord
    /// interaction <c>locale</c>); the default for commands until the person chooses with <c>/language</c>. Null when unknown.
    /// </summary>
    public string? PlatformLanguage { get; init; }

    /// <summary>
    /// The person this account belongs to when it is linked to accounts on other platforms (set by the router before
    /// any handler runs, see docs/people.md); null for an account of its own.
    /// </summary>
    public PersonKey? LinkedPerson { get; init; }

    public ChatAddress Chat => new(Platform, ChatId, ServerId) { ThreadId = ThreadId };

    /// <summary>The platform account that sent this message.</summary>
    public PersonKey Account => new(Platform, UserId);

    /// <summary>Whose data this message reads and writes: the linked person, or the account itself.</summary>
    public PersonKey Person => LinkedPerson ?? Account;
}

/// <summary>Where a reply or a scheduled post goes.</summary>
public sealed record ChatAddress(string Platform, string ChatId, string? ServerId = null)
{
    /// <summary>A thread inside the chat (a Telegram forum topic), or null for the chat itself. Not part of the subscription key: one daily post per chat.</summary>
    public string? ThreadId { get; init; }
}

/// <summary>
/// A person as the platform knows them. The same human on two platforms is two keys until they <c>/link</c> them; then
/// every store keys both accounts' data by one of them (<see cref="InboundMessage.LinkedPerson"/>).
/// </summary>
public sealed record PersonKey(string Platform, string UserId)
{
    public override string ToString() => $"{Platform}:{UserId}";
}

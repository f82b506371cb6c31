using System.Text.Json;

namespace ChatCoach.Discord.Client;

// What the gateway sends and what we send on it. Only the fields this bot reads or writes; Discord sends many more,
// which the deserializer skips.

/// <summary>The gateway envelope <c>{op, d, s, t}</c>.</summary>
internal sealed record GatewayPayload(int Op, JsonElement D, int? S, string? T);

internal static class GatewayOpcodes
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>
/// GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES, no privileged intent: Discord delivers a message's content without
/// MESSAGE_CONTENT when it mentions the bot or is a DM, which are the only messages the bot answers.
/// </summary>
internal static class GatewayIntents
{
    public const int Guilds = 1 << 0;
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;
    public const int Bot = Guilds | GuildMessages | DirectMessages;
}

internal sealed record HelloData(double HeartbeatInterval);

internal sealed record IdentifyData(string Token, int Intents, IdentifyProperties Properties, int[] Shard);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record ResumeData(string Token, string SessionId, int? Seq);

internal sealed record ReadyData(DiscordUser User, string SessionId, string ResumeGatewayUrl, ReadyApplication? Application);

internal sealed record ReadyApplication(string Id);

internal sealed record DiscordUser(string Id, string Username, string? GlobalName = null, bool? Bot = null);

internal sealed record GuildMember(DiscordUser? User, string? Nick, string? Permissions);

internal static class InteractionTypes
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int ApplicationCommandAutocomplete = 4;
}

internal sealed record Interaction(
    string Id,
    string ApplicationId,
    int Type,
    string Token,
    InteractionData? Data = null,
    string? GuildId = null,
    string? ChannelId = null,
    GuildMember? Member = null,
    DiscordUser? User = null,
    string? AppPermissions = null,
    InteractionChannel? Channel = null,
    string? Locale = null)
{
    // The token authorises replies to this interaction for 15 minutes: it must never reach a log.
    public override string ToString() => $"Interaction {{ Id = {Id}, Type = {Type} }}";
}

internal sealed record InteractionChannel(string Id, int Type);

internal static class ChannelTypes
{
    public const int AnnouncementThread = 10;
    public const int PublicThread = 11;
    public const int PrivateThread = 12;

    public static bool IsThread(int type) => type is AnnouncementThread or PublicThread or PrivateThread;
}

internal sealed record InteractionData(
    string? Name = null,
    IReadOnlyList<InteractionOption>? Options = null,
    string? CustomId = null,
    int? ComponentType = null);

internal sealed record InteractionOption(string Name, int Type, JsonElement? Value = null, IReadOnlyList<InteractionOption>? Options = null, bool? Focused = null);

internal sealed record DiscordMessage(
    string Id,
    string ChannelId,
    DiscordUser Author,
    string? Content,
    string? GuildId = null,
    IReadOnlyList<DiscordUser>? Mentions = null,
    string? WebhookId = null,
    GuildMember? Member = null);

/// <summary>GUILD_DELETE: <see cref="Unavailable"/> set means an outage (the guild comes back), unset means the bot was removed.</summary>
internal sealed record GuildDeleted(string Id, bool? Unavailable = null);

/// <summary>The part of CHANNEL_CREATE/DELETE and THREAD_CREATE/DELETE (and GUILD_CREATE's channel lists) the bot reads.</summary>
internal sealed record ChannelInfo(string Id, string? GuildId = null, int Type = 0);

/// <summary>GUILD_CREATE: the guild with its channels and active threads.</summary>
internal sealed record GuildCreated(string Id, IReadOnlyList<ChannelInfo>? Channels = null, IReadOnlyList<ChannelInfo>? Threads = null, bool? Unavailable = null);

/// <summary>Discord ids carry their creation time: milliseconds since 2015 in the top 42 bits.</summary>
internal static class Snowflake
{
    public static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset? TimeOf(string? id) =>
        ulong.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? Epoch.AddMilliseconds(value >> 22)
            : null;

    public static ulong At(DateTimeOffset time, ulong sequence = 0) => ((ulong)(time - Epoch).TotalMilliseconds << 22) | (sequence & 0x3FFFFF);
}

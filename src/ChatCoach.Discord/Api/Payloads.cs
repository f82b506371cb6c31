using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCoach.Discord.Api;

// Only the fields this bot reads or writes; Discord sends many more, which the deserializer skips.

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

/// <summary>GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT.</summary>
internal static class GatewayIntents
{
    public const int Guilds = 1 << 0;
    public const int GuildMessages = 1 << 9;
    public const int DirectMessages = 1 << 12;
    public const int MessageContent = 1 << 15;
    public const int Bot = Guilds | GuildMessages | DirectMessages | MessageContent;
}

internal sealed record GatewayBotResponse(string Url, int Shards, SessionStartLimit? SessionStartLimit);

internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

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
    DiscordUser? User = null);

internal sealed record InteractionData(
    string? Name = null,
    IReadOnlyList<InteractionOption>? Options = null,
    string? CustomId = null,
    int? ComponentType = null);

internal sealed record InteractionOption(string Name, int Type, JsonElement? Value = null, IReadOnlyList<InteractionOption>? Options = null);

internal sealed record DiscordMessage(
    string Id,
    string ChannelId,
    DiscordUser Author,
    string? Content,
    string? GuildId = null,
    IReadOnlyList<DiscordUser>? Mentions = null,
    string? WebhookId = null,
    GuildMember? Member = null);

internal static class InteractionCallbackTypes
{
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
}

internal static class MessageFlags
{
    public const int Ephemeral = 1 << 6;
}

internal sealed record InteractionResponse(int Type, MessagePayload? Data = null);

/// <summary>A message to create or edit. <see cref="AllowedMentions"/> is always set: we never ping anyone.</summary>
internal sealed record MessagePayload
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<ActionRow>? Components { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public int? Flags { get; init; }

    public MessageReference? MessageReference { get; init; }
}

internal sealed record AllowedMentions(IReadOnlyList<string> Parse)
{
    public static AllowedMentions None { get; } = new([]);
}

internal sealed record MessageReference(string MessageId, bool FailIfNotExists = false);

internal sealed record Embed(string? Title = null, string? Description = null, IReadOnlyList<EmbedField>? Fields = null, int? Color = null, EmbedFooter? Footer = null);

internal sealed record EmbedField(string Name, string Value, bool Inline = false);

internal sealed record EmbedFooter(string Text);

internal sealed record ActionRow(IReadOnlyList<Button> Components, int Type = 1);

internal sealed record Button(int Style, string Label, string CustomId, int Type = 2);

internal static class ButtonStyles
{
    public const int Primary = 1;
    public const int Secondary = 2;
    public const int Success = 3;
}

internal sealed record ApplicationCommand(
    string Name,
    string Description,
    IReadOnlyList<ApplicationCommandOption>? Options = null,
    string? DefaultMemberPermissions = null,
    int Type = 1);

internal sealed record ApplicationCommandOption(
    int Type,
    string Name,
    string Description,
    bool Required = false,
    IReadOnlyList<ApplicationCommandChoice>? Choices = null,
    int? MaxLength = null);

internal sealed record ApplicationCommandChoice(string Name, string Value);

internal static class OptionTypes
{
    public const int String = 3;
}

/// <summary>Discord's error body <c>{code, message, errors?}</c> and the 429 body <c>{message, retry_after, global}</c>.</summary>
internal sealed record DiscordError(int? Code, string? Message, double? RetryAfter, bool? Global)
{
    [JsonIgnore]
    public bool IsEmpty => Code is null && Message is null;
}

internal static class Permissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;
    public const ulong ManageGuild = 1UL << 5;
}

internal static class JsonErrorCodes
{
    public const int UnknownChannel = 10003;
    public const int MissingAccess = 50001;
    public const int MissingPermissions = 50013;
    public const int InvalidFormBody = 50035;
}

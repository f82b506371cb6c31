using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCoach.Discord.Client;

// What we send to and read from the HTTP API.

internal sealed record GatewayBotResponse(string Url, int Shards, SessionStartLimit? SessionStartLimit);

internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

internal static class InteractionCallbackTypes
{
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
    public const int ApplicationCommandAutocompleteResult = 8;
}

internal static class MessageFlags
{
    public const int Ephemeral = 1 << 6;
}

internal sealed record InteractionResponse(int Type, object? Data = null);

/// <summary>The data of an autocomplete answer: at most 25 choices.</summary>
internal sealed record AutocompleteData(IReadOnlyList<ApplicationCommandChoice> Choices);

/// <summary>A message to create or edit. <see cref="AllowedMentions"/> is always set: we never ping anyone.</summary>
internal sealed record MessagePayload
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<ActionRow>? Components { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public int? Flags { get; init; }

    public MessageReference? MessageReference { get; init; }

    /// <summary>With <see cref="EnforceNonce"/>, a second create with the same nonce within minutes returns the first message.</summary>
    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }

    /// <summary>With files uploaded beside it (multipart <c>files[n]</c>): one entry per file, <c>id</c> = n.</summary>
    public IReadOnlyList<AttachmentPayload>? Attachments { get; init; }
}

/// <summary>An attachment's metadata in <c>payload_json</c>; <see cref="Id"/> is the n of the part <c>files[n]</c>.</summary>
/// <param name="Description">Alt text for a picture (Discord allows 1,024 characters), or null.</param>
internal sealed record AttachmentPayload(string Id, string Filename, string? Description = null);

/// <summary>A file to upload with a message: sent as the multipart part <c>files[n]</c>, its n the list position.</summary>
internal sealed record DiscordFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>Discord's limit for a whole request with uploads (25 MiB).</summary>
    public const long MaxRequestBytes = 25L * 1024 * 1024;

    /// <summary>At most this many files per message.</summary>
    public const int MaxFiles = 10;
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
    int Type = 1,
    IReadOnlyList<int>? Contexts = null,
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null);

/// <summary>Where a command is offered: <c>contexts</c> on a command.</summary>
internal static class InteractionContexts
{
    public const int Guild = 0;
    public const int BotDm = 1;
    public const int PrivateChannel = 2;
}

internal sealed record ApplicationCommandOption(
    int Type,
    string Name,
    string Description,
    bool Required = false,
    IReadOnlyList<ApplicationCommandChoice>? Choices = null,
    int? MaxLength = null,
    bool? Autocomplete = null,
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null);

internal sealed record ApplicationCommandChoice(string Name, string Value, IReadOnlyDictionary<string, string>? NameLocalizations = null);

internal static class OptionTypes
{
    public const int String = 3;
}

/// <summary>
/// Discord's error body <c>{code, message, errors?}</c> and the 429 body <c>{message, retry_after, global}</c>.
/// <see cref="Errors"/> is the nested tree of a 50035 that names the failing fields.
/// </summary>
internal sealed record DiscordError(int? Code, string? Message, double? RetryAfter, bool? Global, JsonElement? Errors = null)
{
    [JsonIgnore]
    public bool IsEmpty => Code is null && Message is null;

    /// <summary>The leaves of <see cref="Errors"/> as <c>path: message</c> lines, e.g. <c>0.options.1.name: Must be 32 or fewer in length.</c></summary>
    public IReadOnlyList<string> FieldErrors()
    {
        var lines = new List<string>();
        if (Errors is { ValueKind: JsonValueKind.Object } tree)
        {
            Walk(tree, "", lines);
        }

        return lines;
    }

    private static void Walk(JsonElement node, string path, List<string> lines)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (property.Name == "_errors" && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in property.Value.EnumerateArray())
                {
                    var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : error.ToString();
                    lines.Add($"{(path.Length == 0 ? "(body)" : path)}: {message}");
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, lines);
            }
        }
    }
}

internal static class Permissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;
    public const ulong ManageGuild = 1UL << 5;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong EmbedLinks = 1UL << 14;
    public const ulong SendMessagesInThreads = 1UL << 38;
}

internal static class JsonErrorCodes
{
    public const int UnknownChannel = 10003;
    public const int UnknownGuild = 10004;
    public const int UnknownWebhook = 10015;
    public const int UnknownInteraction = 10062;
    public const int MissingAccess = 50001;
    public const int CannotSendToUser = 50007;
    public const int MissingPermissions = 50013;
    public const int InvalidWebhookToken = 50027;
    public const int InvalidFormBody = 50035;
    public const int AlreadyAcknowledged = 40060;
}

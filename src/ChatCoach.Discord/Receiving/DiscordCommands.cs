using System.Text.Json;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;
using ChatCoach.Discord.Client;

namespace ChatCoach.Discord;

/// <summary>
/// The slash commands Discord shows, built from the core's command catalog: only commands that have a handler;
/// the known ones get typed options, a handler added later without a shape here still gets a command with one
/// free-text option, so adding a command never requires editing the adapter. Server-only commands are not offered
/// in DMs (<c>contexts</c>), and the private ones are deferred privately.
/// </summary>
internal static partial class DiscordCommands
{
    public const string GenericOption = "text";

    private static readonly ApplicationCommandChoice[] Focus =
    [
        new("hips", "hips"),
        new("ankles", "ankles"),
        new("recovery", "recovery"),
    ];

    private static readonly ApplicationCommandChoice[] Language =
    [
        new("English", "en"),
        new("中文", "zh"),
    ];

    private static readonly string ManageChannels = Permissions.ManageChannels.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly HashSet<string> ServerOnly = new(["subscribe", "unsubscribe", "leaderboard"], StringComparer.Ordinal);

    // Their answers are for the asker only; a deferral has to say so up front, since a public one cannot become private.
    private static readonly HashSet<string> Private = new(["streak", "timezone", "link", "unlink", "whoami", "mydata", "forget"], StringComparer.Ordinal);

    private static readonly int[] AnyContext = [InteractionContexts.Guild, InteractionContexts.BotDm];
    private static readonly int[] GuildContext = [InteractionContexts.Guild];

    private static readonly Dictionary<string, (string Description, ApplicationCommandOption[] Options, string? Permissions)> Known = new(StringComparer.Ordinal)
    {
        ["ask"] = ("Ask about knee pain in your own words", [new(OptionTypes.String, "question", "Your question, e.g. my knee hurts going down stairs", Required: true, MaxLength: 1000)], null),
        ["routine"] = ("Today's stretch and strength routine", [new(OptionTypes.String, "focus", "What to focus on", Choices: Focus)], null),
        ["done"] = ("Mark today's routine as done", [], null),
        ["streak"] = ("Your current streak", [], null),
        // Optional: without a zone the handler shows the current one.
        ["timezone"] = ("Show or set your time zone, e.g. Europe/Berlin", [new(OptionTypes.String, "zone", "A city, an IANA zone like Europe/Berlin, or an offset like UTC+2", MaxLength: 64, Autocomplete: true)], null),
        ["subscribe"] = (
            "Post the daily routine in this channel",
            [
                new(OptionTypes.String, "time", "Local time to post, HH:MM (24-hour)", MaxLength: 5),
                new(OptionTypes.String, "focus", "What to focus on", Choices: Focus),
                new(OptionTypes.String, "language", "The posts' language (default: yours)", Choices: Language),
            ],
            ManageChannels),
        ["unsubscribe"] = ("Stop the daily routine in this channel", [], ManageChannels),
        ["leaderboard"] = ("Longest streaks in this server", [], null),
        ["help"] = ("What I can do and how to ask", [], null),
        ["link"] = ("Join your Telegram and Discord accounts into one streak", [new(OptionTypes.String, "code", "The code /link gave you on your other account (leave empty to get one)", MaxLength: 16)], null),
        ["unlink"] = ("Split this account from your linked accounts", [], null),
        ["whoami"] = ("Which accounts are linked into your streak", [], null),
        ["mydata"] = ("Everything I store about you, as a file", [], null),
        ["forget"] = ("Delete everything I store about you (asks first)", [new(OptionTypes.String, "confirm", "Type yes to delete", Choices: [new("yes", "yes")])], null),
    };

    /// <summary>The commands to register; <paramref name="global"/> adds <c>contexts</c>, which guild commands may not carry.</summary>
    public static IReadOnlyList<ApplicationCommand> Build(ICommandCatalog catalog, bool global = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var handlers = catalog.Commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var names = Known.Keys.Where(handlers.ContainsKey).Concat(handlers.Keys.Where(n => !Known.ContainsKey(n) && CommandName().IsMatch(n)));
        var commands = new List<ApplicationCommand>();
        foreach (var name in names)
        {
            var handler = handlers[name];
            var description = handler.Description.Trim() is { Length: > 0 } d ? d : null;
            var contexts = global ? (ServerOnly.Contains(name) ? GuildContext : AnyContext) : null;
            if (Known.TryGetValue(name, out var shape))
            {
                var options = shape.Options.Length > 0 ? shape.Options.Select(o => Localized(name, o)).ToList() : null;
                commands.Add(new ApplicationCommand(name, Limit(description ?? shape.Description), options, shape.Permissions, Contexts: contexts, DescriptionLocalizations: Localizations(name)));
            }
            else
            {
                commands.Add(new ApplicationCommand(
                    name,
                    Limit(description ?? name),
                    [new(OptionTypes.String, GenericOption, Limit(handler.Usage), MaxLength: 1000)],
                    Contexts: contexts,
                    DescriptionLocalizations: Localizations(name)));
            }
        }

        return commands;
    }

    /// <summary>Whether the command's answer is for the asker only, so a deferral must be ephemeral.</summary>
    public static bool IsPrivate(string? name) => name is not null && Private.Contains(name);

    /// <summary><c>/name value value</c>, options in the order the command declares them, as the router expects.</summary>
    public static string ComposeText(InteractionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var name = data.Name ?? "";
        var given = (data.Options ?? []).Where(o => o.Value is not null).ToDictionary(o => o.Name, o => ValueText(o.Value!.Value), StringComparer.Ordinal);
        var order = Known.TryGetValue(name, out var shape) ? shape.Options.Select(o => o.Name) : given.Keys;
        var values = order.Where(given.ContainsKey).Select(o => given[o]).Where(v => v.Length > 0);
        return string.Join(' ', values.Prepend("/" + name));
    }

    private static string ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "",
    };

    // Discord's Chinese locales and the cultures whose texts they get: zh-CN the Simplified ones (zh), zh-TW the
    // Traditional ones (zh-Hant), falling back to Simplified for a text not written in Traditional yet.
    private static readonly (string Locale, System.Globalization.CultureInfo Culture)[] ChineseLocales =
    [
        ("zh-CN", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")),
        ("zh-TW", System.Globalization.CultureInfo.GetCultureInfo("zh-TW")),
    ];

    /// <summary>
    /// <c>description_localizations</c> (or a choice's <c>name_localizations</c>) for the cultures that have a text
    /// under this key in the command texts; null when there are none.
    /// </summary>
    private static Dictionary<string, string>? Localizations(string key)
    {
        var texts = ChineseLocales
            .Select(l => (l.Locale, Text: CommandTexts.Description(key, l.Culture)))
            .Where(l => l.Text is not null)
            .ToDictionary(l => l.Locale, l => Limit(l.Text!), StringComparer.Ordinal);
        return texts.Count > 0 ? texts : null;
    }

    /// <summary>An option with its description's localizations (<c>option.command.name</c>) and its choices' (<c>choice.value</c>).</summary>
    private static ApplicationCommandOption Localized(string command, ApplicationCommandOption option) => option with
    {
        DescriptionLocalizations = Localizations($"option.{command}.{option.Name}"),
        Choices = option.Choices?.Select(c => c with { NameLocalizations = Localizations("choice." + c.Value) }).ToList(),
    };

    private static string Limit(string text) => text.Length <= 100 ? text : text[..99] + "…";

    [GeneratedRegex(@"^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$")]
    private static partial Regex CommandName();
}

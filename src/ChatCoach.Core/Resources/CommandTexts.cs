using System.Globalization;
using System.Resources;

namespace ChatCoach.Core.Resources;

/// <summary>
/// The command menu's descriptions per culture (<c>CommandTexts.resx</c> neutral English, the same words as each
/// handler's <c>Description</c>; <c>CommandTexts.zh.resx</c> Simplified Chinese), for the platforms' localised menus.
/// </summary>
public static class CommandTexts
{
    /// <summary>The cultures that have their own command descriptions.</summary>
    public static readonly IReadOnlyList<CultureInfo> Localized = [CultureInfo.GetCultureInfo("zh")];

    private static readonly ResourceManager Manager = new("ChatCoach.Core.Resources.CommandTexts", typeof(CommandTexts).Assembly);

    /// <summary>The bot's profile text (what it does, that it is not medical advice) for this culture, or null when there is none.</summary>
    public static string? BotDescription(CultureInfo culture) => Description("bot.description", culture);

    /// <summary>The bot's one-line profile text for this culture, or null when there is none.</summary>
    public static string? BotShortDescription(CultureInfo culture) => Description("bot.shortDescription", culture);

    /// <summary>The command's description written for exactly this culture (or its parents), or null when there is none.</summary>
    public static string? Description(string command, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(culture);
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (Manager.GetResourceSet(c, createIfNotExists: true, tryParents: false)?.GetString(command) is { } text)
            {
                return text;
            }
        }

        return null;
    }
}

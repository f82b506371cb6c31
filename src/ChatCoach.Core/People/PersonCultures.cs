using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;

namespace ChatCoach.Core.People;

/// <summary>The languages the bot speaks to people, by their short codes (<c>en</c>, <c>zh</c>).</summary>
public static class Languages
{
    public const string English = "en";
    public const string Chinese = "zh";

    /// <summary>Simplified Chinese as spoken in mainland China: its resources fall back to <c>zh</c>, its dates read <c>12月2日 星期三</c>.</summary>
    public static readonly CultureInfo ChineseCulture = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>English; the neutral resources are English, and English texts keep their own invariant formatting.</summary>
    public static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en");

    public static CultureInfo CultureOf(string language) => language == Chinese ? ChineseCulture : EnglishCulture;

    /// <summary>True for a Chinese culture (zh, zh-CN, zh-Hans, zh-TW…).</summary>
    public static bool IsChinese(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == Chinese;
    }

    /// <summary>
    /// The language a platform's tag asks for: every Chinese tag (<c>zh</c>, <c>zh-hans</c>, <c>zh-CN</c>, <c>zh-TW</c>,
    /// <c>zh-Hant</c>, <c>zh_TW</c>…) is Chinese, any other tag English; null when the platform gave none.
    /// </summary>
    public static string? FromPlatformTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var trimmed = tag.Trim();
        var primary = trimmed.Split('-', '_')[0];
        return primary.Equals("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
    }

    /// <summary>What a person typed after <c>/language</c> (or <c>/subscribe … zh</c>) as a language code; null when it is none.</summary>
    public static string? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "zh" or "cn" or "zh-cn" or "zh-hans" or "zh-tw" or "zh-hant" or "chinese" or "中文" or "汉语" or "漢語" or "简体中文" => Chinese,
        "en" or "english" or "英文" or "英语" or "英語" => English,
        _ => null,
    };
}

/// <summary>
/// The one place that says which language and culture a person is spoken to in: the language they chose with
/// <c>/language</c>, else their platform's (Telegram <c>language_code</c>, Discord <c>locale</c>), else English.
/// </summary>
public sealed class PersonCultures(IPersonStore? people = null)
{
    /// <summary>The person's language code and whether they chose it themselves.</summary>
    public async Task<(string Language, bool Chosen)> LanguageOfAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (people is not null && Languages.Parse(await people.FindLanguageAsync(message.Person, cancellationToken)) is { } chosen)
        {
            return (chosen, true);
        }

        return (Languages.FromPlatformTag(message.PlatformLanguage) ?? Languages.English, false);
    }

    /// <summary>The culture the person's replies are written and formatted in.</summary>
    public async Task<CultureInfo> CultureOfAsync(InboundMessage message, CancellationToken cancellationToken) =>
        Languages.CultureOf((await LanguageOfAsync(message, cancellationToken)).Language);

    /// <summary>
    /// The culture to write to a person in when no message of theirs is at hand (a reminder): the language they chose,
    /// else <paramref name="storedLanguage"/> (what they were spoken to in when they set it up), else English.
    /// </summary>
    public async Task<CultureInfo> CultureOfAsync(PersonKey person, string? storedLanguage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var chosen = people is null ? null : Languages.Parse(await people.FindLanguageAsync(person, cancellationToken));
        return chosen is null ? CultureOf(storedLanguage) : Languages.CultureOf(chosen);
    }

    /// <summary>The culture of a stored language code (a subscription's, a person's), English when there is none.</summary>
    public static CultureInfo CultureOf(string? language) => Languages.CultureOf(Languages.Parse(language) ?? Languages.English);
}

public static class PersonCulturesExtensions
{
    /// <summary>The person's culture, or English where no <see cref="PersonCultures"/> is registered (handlers built alone in tests).</summary>
    public static async Task<CultureInfo> CultureOrEnglishAsync(this PersonCultures? cultures, InboundMessage message, CancellationToken cancellationToken) =>
        cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(message, cancellationToken);
}

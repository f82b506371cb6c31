using System.Globalization;
using System.Resources;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Resources;

/// <summary>
/// The people and platform replies' texts (time zone, leaderboard, subscribe errors, linking, /mydata, /forget, the
/// router's errors), one resource set per culture: <c>PeopleTexts.resx</c> neutral English, <c>PeopleTexts.zh.resx</c>
/// Simplified Chinese, read through .NET's <see cref="ResourceManager"/> (zh-CN, zh-TW… fall back to zh). Dates and
/// the error title come from <see cref="ChatTexts"/>.
/// </summary>
public static class PeopleTexts
{
    private static readonly ResourceManager Manager = new("ChatCoach.Core.Resources.PeopleTexts", typeof(PeopleTexts).Assembly);

    public static string Get(string name, CultureInfo culture) =>
        Manager.GetString(name, culture) ?? throw new MissingManifestResourceException($"people text '{name}' is missing");

    /// <summary>A text with its placeholders filled by the culture's rules.</summary>
    public static string Format(string name, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Get(name, culture), arguments);

    /// <summary>The <c>.one</c> text for 1, else the <c>.other</c> text with the count.</summary>
    public static string Count(string name, int count, CultureInfo culture) =>
        count == 1 ? Get(name + ".one", culture) : Format(name + ".other", culture, count);

    /// <summary>An account as the person reads it: <c>Telegram account 42 (this one)</c>, <c>Telegram 账号 42（当前账号）</c>.</summary>
    public static string Describe(PersonKey account, PersonKey? current, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(account);
        var platform = account.Platform is "telegram" or "discord" or "console" ? Get("platform." + account.Platform, culture) : account.Platform;
        return Format(account == current ? "account.this" : "account", culture, platform, account.UserId);
    }

    /// <summary>The refusal for a command that shows private things outside a direct chat.</summary>
    public static Reply DirectOnly(string command, CultureInfo culture) =>
        ChatTexts.Error(culture, Format("directOnly", culture, command), Format("directOnly.hint", culture, command));

    /// <summary>A local date and time by the culture's patterns: <c>Wed 2 Dec, 07:00</c>, <c>12月2日 星期三 07:00</c>.</summary>
    public static string DayAndTime(LocalDateTime at, CultureInfo culture) =>
        Format("tz.localTime", culture, ChatTexts.Day(at.Date, culture), at.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture));
}

using System.Globalization;
using System.Resources;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Core.Resources;

/// <summary>
/// The replies' texts, one resource set per culture (<c>ChatTexts.resx</c> neutral English, <c>ChatTexts.zh.resx</c>
/// Simplified Chinese) through .NET's <see cref="ResourceManager"/>; zh-CN, zh-TW and the rest fall back to zh. Each
/// sentence is one text with placeholders, never glued from pieces.
/// </summary>
public static class ChatTexts
{
    private static readonly ResourceTexts Texts = new("ChatCoach.Core.Resources.ChatTexts", "chat");

    public static string Get(string name, CultureInfo culture) => Texts.Get(name, culture);

    /// <summary>A text with its placeholders filled by the culture's rules.</summary>
    public static string Format(string name, CultureInfo culture, params object?[] arguments) => Texts.Format(name, culture, arguments);

    /// <summary>Like <see cref="Reply.Error"/>, with the title in the culture's language.</summary>
    public static Reply Error(CultureInfo culture, string message, params string[] hints) =>
        Reply.Error(message, hints) with { Title = Get("error.title", culture) };

    /// <summary>A date with its weekday, by the culture's pattern: <c>Wed 2 Dec</c>, <c>12月2日 星期三</c>.</summary>
    public static string Day(LocalDate date, CultureInfo culture) => DatePattern("date.day", culture).Format(date);

    /// <summary>A date without its weekday: <c>2 Dec</c>, <c>12月2日</c>.</summary>
    public static string ShortDay(LocalDate date, CultureInfo culture) => DatePattern("date.short", culture).Format(date);

    /// <summary>A count with its unit (<c>days</c>, <c>weeks</c>, <c>freezes</c>): the <c>.one</c> text for 1, else <c>.other</c>.</summary>
    public static string Count(string unit, int count, CultureInfo culture) =>
        count == 1 ? Get(unit + ".one", culture) : Format(unit + ".other", culture, count);

    // English dates keep the invariant names they always had; other cultures use their own month and weekday names.
    private static LocalDatePattern DatePattern(string name, CultureInfo culture) =>
        LocalDatePattern.Create(Get(name, culture), Languages.IsChinese(culture) ? culture : CultureInfo.InvariantCulture);
}

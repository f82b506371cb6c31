using System.Globalization;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Streaks;

/// <summary>Wording shared by the streak commands.</summary>
internal static class StreakTexts
{
    public const string UtcHint =
        "Days are counted in UTC because you haven't set a time zone. Set yours with /timezone followed by a city, an IANA id or an offset, e.g. /timezone Berlin or /timezone UTC-5.";

    public static string Days(int count) => count == 1 ? "1 day" : $"{count} days";

    public static string Weeks(int count) => count == 1 ? "1 week" : $"{count} weeks";

    public static string Freezes(int count) => count == 1 ? "1 freeze" : $"{count} freezes";

    public static string DaysIn(int count, CultureInfo culture) => ChatTexts.Count("days", count, culture);

    public static string WeeksIn(int count, CultureInfo culture) => ChatTexts.Count("weeks", count, culture);

    public static string FreezesIn(int count, CultureInfo culture) => ChatTexts.Count("freezes", count, culture);
}

using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ChatCoach.Core.DailyPosts;

/// <summary>Reads the time people type for their daily post: <c>7:30</c>, <c>07:30</c>, <c>19:00</c>, <c>7pm</c>, <c>7.30am</c>.</summary>
public static partial class PostTimeParser
{
    public static IReadOnlyList<string> Examples { get; } = ["/subscribe 07:30", "/subscribe 7pm hips", "/subscribe 19:00 recovery"];

    public static bool TryParse(string text, out LocalTime time)
    {
        time = default;
        var match = TimePattern().Match((text ?? "").Trim());
        if (!match.Success)
        {
            return false;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = match.Groups["ampm"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            hour = (hour % 12) + (meridiem == "pm" ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new LocalTime(hour, minute);
        return true;
    }

    /// <summary>True when the word looks like an attempt at a time (starts with a digit), so a bad one gets the time error.</summary>
    public static bool LooksLikeTime(string word) => word.Length > 0 && char.IsAsciiDigit(word[0]);

    [GeneratedRegex(@"^(?<h>[0-9]{1,2})(?:[:.h](?<m>[0-9]{2}))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TimePattern();
}

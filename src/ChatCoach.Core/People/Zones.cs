using System.Globalization;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Core.People;

/// <summary>Turns a stored zone id into a NodaTime zone. Parsing what people type lives in the timezone command.</summary>
public static class Zones
{
    public static DateTimeZone Utc => DateTimeZone.Utc;

    /// <summary>The zone for a stored id; unknown or null ids fall back to UTC so that a bad row never stops a post.</summary>
    public static DateTimeZone FromId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return DateTimeZone.Utc;
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone)
        {
            return zone;
        }

        // Fixed offsets are stored as "UTC+02" or "UTC-05:30".
        if (id.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) && id.Length > 3)
        {
            var parsed = OffsetPattern.GeneralInvariant.Parse(id[3..]);
            if (parsed.Success)
            {
                return DateTimeZone.ForOffset(parsed.Value);
            }
        }

        return DateTimeZone.Utc;
    }

    /// <summary>
    /// The id as shown to a person: <c>Etc/GMT+5</c> is POSIX-style and means UTC−5 (the sign is inverted), so it is
    /// shown with its real offset; every other id is shown as it is.
    /// </summary>
    public static string Describe(string id, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!id.StartsWith("Etc/GMT", StringComparison.OrdinalIgnoreCase) || id.Length <= "Etc/GMT".Length
            || DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not { } zone)
        {
            return id;
        }

        var offset = zone.GetUtcOffset(Instant.FromUnixTimeSeconds(0));
        var real = OffsetPattern.CreateWithInvariantCulture("+HH:mm").Format(offset).Replace('-', '\u2212');
        return PeopleTexts.Format("tz.posix", culture ?? Languages.EnglishCulture, id, real);
    }
}

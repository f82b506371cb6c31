using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.TimeZones;

namespace ChatCoach.Core.People;

/// <summary>
/// Reads a time zone as people type it: an IANA id (<c>Europe/Berlin</c>, any case), a city (<c>New York</c>,
/// <c>são paulo</c>, <c>Beijing</c>) or a UTC offset (<c>UTC+2</c>, <c>GMT-05:30</c>, <c>+05:45</c>). The result is an id
/// that <see cref="Zones.FromId"/> reads back: a tzdb id, <c>UTC</c>, or a fixed offset such as <c>UTC+02</c>.
/// </summary>
public static partial class ZoneInput
{
    /// <summary>Longer input is not a zone; refusing it early keeps hostile strings cheap.</summary>
    public const int MaxLength = 64;

    public static IReadOnlyList<string> Examples { get; } = ["Europe/Berlin", "New York", "Tokyo", "UTC+2", "GMT-05:30"];

    /// <summary>The examples shown to a Chinese speaker: Chinese city names work as well as ids and offsets.</summary>
    public static IReadOnlyList<string> ChineseExamples { get; } = ["北京", "Asia/Shanghai", "台北", "纽约", "UTC+8"];

    // Big cities that are not the last segment of a tzdb id. Keys are normalised (lower case, no accents, spaces).
    private static readonly FrozenDictionary<string, string> CityAliases = new Dictionary<string, string>
    {
        ["beijing"] = "Asia/Shanghai",
        ["shenzhen"] = "Asia/Shanghai",
        ["guangzhou"] = "Asia/Shanghai",
        ["peking"] = "Asia/Shanghai",
        ["delhi"] = "Asia/Kolkata",
        ["new delhi"] = "Asia/Kolkata",
        ["mumbai"] = "Asia/Kolkata",
        ["bombay"] = "Asia/Kolkata",
        ["bangalore"] = "Asia/Kolkata",
        ["bengaluru"] = "Asia/Kolkata",
        ["chennai"] = "Asia/Kolkata",
        ["hyderabad"] = "Asia/Kolkata",
        ["pune"] = "Asia/Kolkata",
        ["san francisco"] = "America/Los_Angeles",
        ["seattle"] = "America/Los_Angeles",
        ["san diego"] = "America/Los_Angeles",
        ["las vegas"] = "America/Los_Angeles",
        ["portland"] = "America/Los_Angeles",
        ["washington"] = "America/New_York",
        ["washington dc"] = "America/New_York",
        ["boston"] = "America/New_York",
        ["miami"] = "America/New_York",
        ["atlanta"] = "America/New_York",
        ["philadelphia"] = "America/New_York",
        ["nyc"] = "America/New_York",
        ["dallas"] = "America/Chicago",
        ["houston"] = "America/Chicago",
        ["austin"] = "America/Chicago",
        ["montreal"] = "America/Toronto",
        ["ottawa"] = "America/Toronto",
        ["calgary"] = "America/Edmonton",
        ["munich"] = "Europe/Berlin",
        ["frankfurt"] = "Europe/Berlin",
        ["hamburg"] = "Europe/Berlin",
        ["cologne"] = "Europe/Berlin",
        ["milan"] = "Europe/Rome",
        ["barcelona"] = "Europe/Madrid",
        ["geneva"] = "Europe/Zurich",
        ["st petersburg"] = "Europe/Moscow",
        ["saint petersburg"] = "Europe/Moscow",
        ["osaka"] = "Asia/Tokyo",
        ["kyoto"] = "Asia/Tokyo",
        ["canberra"] = "Australia/Sydney",
        ["wellington"] = "Pacific/Auckland",
        ["rio"] = "America/Sao_Paulo",
        ["rio de janeiro"] = "America/Sao_Paulo",
        ["cape town"] = "Africa/Johannesburg",
        ["abu dhabi"] = "Asia/Dubai",
        ["tel aviv"] = "Asia/Jerusalem",
        ["hanoi"] = "Asia/Ho_Chi_Minh",
        ["ho chi minh city"] = "Asia/Ho_Chi_Minh",
        ["lahore"] = "Asia/Karachi",
        ["kiev"] = "Europe/Kyiv",

        // Chinese names (Simplified, and Traditional where they differ), as Chinese runners type them.
        ["北京"] = "Asia/Shanghai",
        ["北京时间"] = "Asia/Shanghai",
        ["北京時間"] = "Asia/Shanghai",
        ["中国"] = "Asia/Shanghai",
        ["中國"] = "Asia/Shanghai",
        ["上海"] = "Asia/Shanghai",
        ["深圳"] = "Asia/Shanghai",
        ["广州"] = "Asia/Shanghai",
        ["廣州"] = "Asia/Shanghai",
        ["杭州"] = "Asia/Shanghai",
        ["成都"] = "Asia/Shanghai",
        ["武汉"] = "Asia/Shanghai",
        ["武漢"] = "Asia/Shanghai",
        ["南京"] = "Asia/Shanghai",
        ["天津"] = "Asia/Shanghai",
        ["重庆"] = "Asia/Shanghai",
        ["重慶"] = "Asia/Shanghai",
        ["西安"] = "Asia/Shanghai",
        ["苏州"] = "Asia/Shanghai",
        ["蘇州"] = "Asia/Shanghai",
        ["香港"] = "Asia/Hong_Kong",
        ["澳门"] = "Asia/Macau",
        ["澳門"] = "Asia/Macau",
        ["台北"] = "Asia/Taipei",
        ["臺北"] = "Asia/Taipei",
        ["台湾"] = "Asia/Taipei",
        ["台灣"] = "Asia/Taipei",
        ["新加坡"] = "Asia/Singapore",
        ["东京"] = "Asia/Tokyo",
        ["東京"] = "Asia/Tokyo",
        ["首尔"] = "Asia/Seoul",
        ["首爾"] = "Asia/Seoul",
        ["伦敦"] = "Europe/London",
        ["倫敦"] = "Europe/London",
        ["巴黎"] = "Europe/Paris",
        ["柏林"] = "Europe/Berlin",
        ["纽约"] = "America/New_York",
        ["紐約"] = "America/New_York",
        ["洛杉矶"] = "America/Los_Angeles",
        ["洛杉磯"] = "America/Los_Angeles",
        ["旧金山"] = "America/Los_Angeles",
        ["舊金山"] = "America/Los_Angeles",
        ["温哥华"] = "America/Vancouver",
        ["溫哥華"] = "America/Vancouver",
        ["多伦多"] = "America/Toronto",
        ["多倫多"] = "America/Toronto",
        ["悉尼"] = "Australia/Sydney",
        ["雪梨"] = "Australia/Sydney",
        ["墨尔本"] = "Australia/Melbourne",
        ["墨爾本"] = "Australia/Melbourne",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The alias table's targets, so a test can check that every one is a real tzdb id.</summary>
    internal static IEnumerable<string> AliasTargets => CityAliases.Values.Distinct();

    private static readonly Lazy<FrozenDictionary<string, string>> IdsIgnoringCase = new(() =>
        DateTimeZoneProviders.Tzdb.Ids
            .GroupBy(id => id, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<FrozenDictionary<string, string>> IdsByCity = new(BuildCityIndex);

    /// <summary>Reads <paramref name="input"/>; on success <paramref name="zoneId"/> is the id to store.</summary>
    public static bool TryParse(string? input, out string zoneId)
    {
        zoneId = "";
        var text = (input ?? "").Trim();
        if (text.Length == 0 || text.Length > MaxLength || text.Any(char.IsControl))
        {
            return false;
        }

        if (IdsIgnoringCase.Value.TryGetValue(text, out var id))
        {
            zoneId = id;
            return true;
        }

        if (TryParseOffset(text, out zoneId))
        {
            return true;
        }

        var city = NormaliseCity(text);
        if (city.Length > 0
            && (CityAliases.TryGetValue(city, out var aliased) || IdsByCity.Value.TryGetValue(city, out aliased))
            && DateTimeZoneProviders.Tzdb.GetZoneOrNull(aliased) is not null)
        {
            zoneId = aliased;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Zones for what someone has typed so far (an autocomplete): the zone it already names, then cities and zone ids
    /// that start with it, at most <paramref name="max"/>. Each value is a zone id <see cref="TryParse"/> accepts.
    /// With nothing typed, the examples.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value)> Suggest(string? typed, int max)
    {
        var text = (typed ?? "").Trim();
        if (text.Length > MaxLength || text.Any(char.IsControl) || max <= 0)
        {
            return [];
        }

        var found = new List<(string Label, string Value)>();
        if (text.Length == 0)
        {
            found.AddRange(Examples.Select(e => (e, e)));
            return found.Take(max).ToList();
        }

        if (TryParse(text, out var exact))
        {
            found.Add((exact, exact));
        }

        var city = NormaliseCity(text);
        if (city.Length > 0)
        {
            var cities = CityAliases.Concat(IdsByCity.Value)
                .Where(c => c.Key.StartsWith(city, StringComparison.Ordinal) || c.Key.Contains(" " + city, StringComparison.Ordinal))
                .OrderBy(c => c.Key.StartsWith(city, StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(c => c.Key.Length)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(max * 2);
            found.AddRange(cities.Select(c => ($"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(c.Key)} ({c.Value})", c.Value)));
        }

        found.AddRange(DateTimeZoneProviders.Tzdb.Ids
            .Where(id => id.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(id => id.Length)
            .Take(max)
            .Select(id => (id, id)));
        return [.. found.DistinctBy(f => f.Value, StringComparer.Ordinal).Take(max)];
    }

    /// <summary>A short, safe echo of what someone typed, for error messages.</summary>
    public static string Shorten(string? input)
    {
        var cleaned = new string([.. (input ?? "").Trim().Where(c => !char.IsControl(c))]);
        var info = new StringInfo(cleaned);
        return info.LengthInTextElements > 30 ? info.SubstringByTextElements(0, 30) + "…" : cleaned;
    }

    private static bool TryParseOffset(string text, out string zoneId)
    {
        zoneId = "";
        if (text.Equals("UTC", StringComparison.OrdinalIgnoreCase) || text.Equals("GMT", StringComparison.OrdinalIgnoreCase)
            || text.Equals("Z", StringComparison.OrdinalIgnoreCase))
        {
            zoneId = "UTC";
            return true;
        }

        var match = OffsetRegex().Match(text.Replace('\u2212', '-'));
        if (!match.Success)
        {
            return false;
        }

        var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var sign = match.Groups["sign"].Value == "-" ? -1 : 1;
        var totalMinutes = sign * ((hours * 60) + minutes);

        // Real offsets run from UTC-12 to UTC+14.
        if (minutes > 59 || totalMinutes < -12 * 60 || totalMinutes > 14 * 60)
        {
            return false;
        }

        if (totalMinutes == 0)
        {
            zoneId = "UTC";
            return true;
        }

        var offset = Offset.FromSeconds(totalMinutes * 60);
        zoneId = minutes == 0
            ? $"UTC{(sign < 0 ? '-' : '+')}{hours:00}"
            : $"UTC{(sign < 0 ? '-' : '+')}{hours:00}:{minutes:00}";

        // Guard the contract with Zones.FromId: what we store must read back as the same offset.
        return Zones.FromId(zoneId).GetUtcOffset(Instant.FromUnixTimeSeconds(0)) == offset;
    }

    private static string NormaliseCity(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is ' ' or '_' or '-' or '.')
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                // Digits, emoji, bidi overrides and the like are never part of a city name.
                return "";
            }
        }

        return builder.ToString().Trim();
    }

    private static FrozenDictionary<string, string> BuildCityIndex()
    {
        var canonical = TzdbDateTimeZoneSource.Default.CanonicalIdMap;
        var index = new Dictionary<string, string>(StringComparer.Ordinal);

        // Canonical ids first, shortest first, so "Buenos Aires" finds America/Argentina/Buenos_Aires rather than a
        // backward-compatible link; fixed-offset Etc/* ids are no cities.
        var candidates = DateTimeZoneProviders.Tzdb.Ids
            .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .OrderBy(id => canonical.TryGetValue(id, out var target) && target == id ? 0 : 1)
            .ThenBy(id => id.Length)
            .ThenBy(id => id, StringComparer.Ordinal);
        foreach (var id in candidates)
        {
            var city = NormaliseCity(id[(id.LastIndexOf('/') + 1)..]);
            index.TryAdd(city, id);
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^(?:(?:UTC|GMT)\s*)?(?<sign>[+-])\s*(?:(?<h>[0-9]{1,2})(?::(?<m>[0-9]{2}))?|(?<h>[0-9]{2})(?<m>[0-9]{2}))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex OffsetRegex();
}

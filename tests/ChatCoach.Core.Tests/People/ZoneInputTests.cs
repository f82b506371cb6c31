using ChatCoach.Core.People;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

public sealed class ZoneInputTests
{
    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData("  AMERICA/NEW_YORK ", "America/New_York")]
    [InlineData("Berlin", "Europe/Berlin")]
    [InlineData("New York", "America/New_York")]
    [InlineData("new york", "America/New_York")]
    [InlineData("new_york", "America/New_York")]
    [InlineData("Tokyo", "Asia/Tokyo")]
    [InlineData("Sydney", "Australia/Sydney")]
    [InlineData("Los Angeles", "America/Los_Angeles")]
    [InlineData("São Paulo", "America/Sao_Paulo")]
    [InlineData("sao paulo", "America/Sao_Paulo")]
    [InlineData("Toronto", "America/Toronto")]
    [InlineData("Buenos Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("Beijing", "Asia/Shanghai")]
    [InlineData("San Francisco", "America/Los_Angeles")]
    [InlineData("Delhi", "Asia/Kolkata")]
    [InlineData("Mumbai", "Asia/Kolkata")]
    [InlineData("Washington", "America/New_York")]
    [InlineData("Munich", "Europe/Berlin")]
    [InlineData("Kiritimati", "Pacific/Kiritimati")]
    [InlineData("Pago Pago", "Pacific/Pago_Pago")]
    [InlineData("Kiev", "Europe/Kyiv")]
    [InlineData("Ho Chi Minh City", "Asia/Ho_Chi_Minh")]
    [InlineData("Etc/GMT+5", "Etc/GMT+5")]
    [InlineData("UTC", "UTC")]
    [InlineData("gmt", "GMT")]
    [InlineData("z", "UTC")]
    [InlineData("UTC+2", "UTC+02")]
    [InlineData("utc+02", "UTC+02")]
    [InlineData("UTC-05:30", "UTC-05:30")]
    [InlineData("UTC-0530", "UTC-05:30")]
    [InlineData("GMT+1", "UTC+01")]
    [InlineData("+05:45", "UTC+05:45")]
    [InlineData("-11", "UTC-11")]
    [InlineData("UTC+14", "UTC+14")]
    [InlineData("UTC-12", "UTC-12")]
    [InlineData("UTC+0", "UTC")]
    [InlineData("UTC \u22123", "UTC-03")]
    public void TryParse_Valid_ReturnsStorableId(string input, string expected)
    {
        Assert.True(ZoneInput.TryParse(input, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("UTC+2", 2 * 60)]
    [InlineData("UTC-05:30", -(5 * 60) - 30)]
    [InlineData("+05:45", (5 * 60) + 45)]
    [InlineData("UTC+14", 14 * 60)]
    public void TryParse_Offset_ReadsBackThroughZonesFromId(string input, int minutes)
    {
        Assert.True(ZoneInput.TryParse(input, out var id));

        var zone = Zones.FromId(id);

        Assert.Equal(Offset.FromSeconds(minutes * 60), zone.GetUtcOffset(Instant.FromUtc(2026, 6, 1, 0, 0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Atlantis")]
    [InlineData("Europe/Atlantis")]
    [InlineData("UTC+15")]
    [InlineData("UTC-13")]
    [InlineData("UTC+2:75")]
    [InlineData("UTC+123")]
    [InlineData("+")]
    [InlineData("UTC++2")]
    [InlineData("🏃‍♀️")]
    [InlineData("Berlin 🏃")]
    [InlineData("'; DROP TABLE people; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    [InlineData("Europe/Berlin\nAsia/Tokyo")]
    [InlineData("Berlin\u0000")]
    [InlineData("\u202eBerlin")]
    [InlineData("Etc")]
    public void TryParse_Invalid_ReturnsFalse(string input)
    {
        Assert.False(ZoneInput.TryParse(input, out var id));
        Assert.Equal("", id);
    }

    [Fact]
    public void TryParse_TenThousandCharacters_ReturnsFalse()
    {
        Assert.False(ZoneInput.TryParse(new string('a', 10_000), out _));
        Assert.False(ZoneInput.TryParse("UTC+" + new string('1', 10_000), out _));
        Assert.False(ZoneInput.TryParse(string.Concat(Enumerable.Repeat("Berlin ", 2_000)), out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse() => Assert.False(ZoneInput.TryParse(null, out _));

    [Fact]
    public void TryParse_EveryCanonicalTzdbId_IsAccepted()
    {
        foreach (var id in DateTimeZoneProviders.Tzdb.Ids)
        {
            Assert.True(ZoneInput.TryParse(id, out var parsed), id);
            Assert.Equal(id, parsed, ignoreCase: true);
        }
    }

    [Fact]
    public void AliasTargets_AreAllTzdbIds()
    {
        Assert.All(ZoneInput.AliasTargets, id => Assert.NotNull(DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)));
    }

    [Theory]
    [InlineData("Atlantis", "Atlantis")]
    [InlineData("ab\ncd", "abcd")]
    public void Shorten_ShortInput_EchoedWithoutControlCharacters(string input, string expected) =>
        Assert.Equal(expected, ZoneInput.Shorten(input));

    [Fact]
    public void Shorten_LongEmojiInput_CutsWholeCharacters()
    {
        var shown = ZoneInput.Shorten(string.Concat(Enumerable.Repeat("🏃‍♀️", 100)));

        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 200);
        Assert.True(shown.Normalize() == shown);
    }
}

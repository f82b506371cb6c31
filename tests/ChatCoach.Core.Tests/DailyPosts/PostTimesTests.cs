using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Core.Tests.DailyPosts;

public sealed class PostTimesTests
{
    [Theory]
    // London springs forward at 01:00 GMT on 29 Mar 2026 (01:00–02:00 local does not exist).
    [InlineData("Europe/London", 2026, 3, 29, 1, 30, "2026-03-29T01:00:00Z")]
    [InlineData("Europe/London", 2026, 3, 29, 2, 30, "2026-03-29T01:30:00Z")]
    // New York springs forward at 02:00 on 8 Mar 2026 (02:00–03:00 local does not exist).
    [InlineData("America/New_York", 2026, 3, 8, 2, 30, "2026-03-08T07:00:00Z")]
    [InlineData("America/New_York", 2026, 3, 8, 2, 0, "2026-03-08T07:00:00Z")]
    // Fall back: 01:30 happens twice; the first one counts.
    [InlineData("Europe/London", 2026, 10, 25, 1, 30, "2026-10-25T00:30:00Z")]
    [InlineData("America/New_York", 2026, 11, 1, 1, 30, "2026-11-01T05:30:00Z")]
    public void DueAt_ClockChangeNights_FirstValidMomentOrFirstOccurrence(string zoneId, int y, int m, int d, int hour, int minute, string expected)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];

        var due = PostTimes.DueAt(new LocalDate(y, m, d), new LocalTime(hour, minute), zone);

        Assert.Equal(expected, due.ToString());
    }

    [Fact]
    public void NextAfter_TimePassedToday_Tomorrow()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];

        var (date, due) = PostTimes.NextAfter(Instant.FromUtc(2026, 11, 23, 7, 0), new LocalTime(7, 0), zone);

        Assert.Equal(new LocalDate(2026, 11, 24), date);
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 7, 0), due);
    }
}

using NodaTime;
using NodaTime.TimeZones;

namespace ChatCoach.Core.DailyPosts;

/// <summary>When a daily post at a local time falls, including the nights the clocks change.</summary>
public static class PostTimes
{
    /// <summary>
    /// A time the clocks skip (02:30 on a spring-forward night) is posted at the first valid moment, the end of the
    /// gap (03:00); a time that happens twice (01:30 on a fall-back night) is posted at the first occurrence only.
    /// </summary>
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static Instant DueAt(LocalDate date, LocalTime time, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ResolveLocal(date + time, Resolver).ToInstant();
    }

    /// <summary>The first local date whose post is still ahead of <paramref name="now"/>, and when it is due.</summary>
    public static (LocalDate Date, Instant Due) NextAfter(Instant now, LocalTime time, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        var due = DueAt(today, time, zone);
        if (due > now)
        {
            return (today, due);
        }

        var tomorrow = today.PlusDays(1);
        return (tomorrow, DueAt(tomorrow, time, zone));
    }
}

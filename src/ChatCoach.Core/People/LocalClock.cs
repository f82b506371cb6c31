using NodaTime;

namespace ChatCoach.Core.People;

/// <summary>"Now" and "today" in a person's zone, always from the injected <see cref="TimeProvider"/>.</summary>
public static class LocalClock
{
    public static Instant Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Instant.FromDateTimeOffset(time.GetUtcNow());
    }

    public static ZonedDateTime NowIn(TimeProvider time, DateTimeZone zone) => Now(time).InZone(zone);

    public static LocalDate TodayIn(TimeProvider time, DateTimeZone zone) => NowIn(time, zone).Date;
}

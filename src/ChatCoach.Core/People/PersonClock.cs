using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary>
/// A person's now, zone and today: the one place they are computed, always from the injected <see cref="TimeProvider"/>.
/// A person without a zone (none set with /timezone, or a stored id that no longer reads) lives in UTC. The culture they
/// are spoken to in comes from <see cref="PersonCultures"/>.
/// </summary>
public sealed class PersonClock(IPersonStore people, TimeProvider time)
{
    public Instant Now => UtcNow(time);

    /// <summary>The zone id the person set (null when none) and the zone it reads as.</summary>
    public async Task<(string? ZoneId, DateTimeZone Zone)> ZoneOfAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var profile = await people.FindAsync(person, cancellationToken);
        var id = string.IsNullOrWhiteSpace(profile?.TimeZoneId) ? null : profile.TimeZoneId;
        return (id, Zones.FromId(id));
    }

    /// <summary>Today's date where the person is.</summary>
    public async Task<LocalDate> TodayAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var (_, zone) = await ZoneOfAsync(person, cancellationToken);
        return Now.InZone(zone).Date;
    }

    // For code that already holds the zone (a loaded profile, a subscription's zone) and only needs the clock.
    public static Instant UtcNow(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Instant.FromDateTimeOffset(time.GetUtcNow());
    }

    public static ZonedDateTime NowIn(TimeProvider time, DateTimeZone zone) => UtcNow(time).InZone(zone);

    public static LocalDate TodayIn(TimeProvider time, DateTimeZone zone) => NowIn(time, zone).Date;
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.TimeZones;
using NodaTime;

namespace ChatCoach.Core.Routines;

/// <summary>A person's zone and today's date there (UTC until they set a zone with /timezone).</summary>
/// <param name="people">
/// Taken as a sequence so that routines work, in UTC, in a composition without a person store (the store belongs to
/// the streaks area); with one registered, the last registration is used, as DI would.
/// </param>
public sealed class PersonZones(IEnumerable<IPersonStore> people, TimeProvider time)
{
    private readonly IPersonStore? _people = people.LastOrDefault();

    public Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public async Task<(string? ZoneId, DateTimeZone Zone)> ZoneOfAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var profile = _people is null ? null : await _people.FindAsync(person, cancellationToken);
        var id = string.IsNullOrWhiteSpace(profile?.TimeZoneId) ? null : profile.TimeZoneId;
        return (id, Zones.FromId(id));
    }
}

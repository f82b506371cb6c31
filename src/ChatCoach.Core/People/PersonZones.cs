using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary>A person's zone and today's date there (UTC until they set a zone with /timezone).</summary>
public sealed class PersonZones(IPersonStore people, TimeProvider time)
{
    public Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public async Task<(string? ZoneId, DateTimeZone Zone)> ZoneOfAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var profile = await people.FindAsync(person, cancellationToken);
        var id = string.IsNullOrWhiteSpace(profile?.TimeZoneId) ? null : profile.TimeZoneId;
        return (id, Zones.FromId(id));
    }
}

using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;

namespace ChatCoach.Core.Tests.Fakes;

/// <summary>People and their zones in memory (named so as not to collide with the streaks area's fakes).</summary>
public sealed class ZonedPeople : IPersonStore
{
    private readonly ConcurrentDictionary<PersonKey, PersonProfile> _people = new();

    public Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_people.TryGetValue(key, out var profile) ? profile : null);

    public Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken)
    {
        _people[profile.Key] = profile;
        return Task.CompletedTask;
    }

    public void SetZone(PersonKey key, string zoneId) => _people[key] = new PersonProfile(key, key.UserId, zoneId);
}

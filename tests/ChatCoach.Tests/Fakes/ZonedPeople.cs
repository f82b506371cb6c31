using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;

namespace ChatCoach.Tests.Fakes;

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
}

using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;

namespace ChatCoach.Discord.Tests.Fakes;

/// <summary>People in memory, for hosts where no storage area provides <see cref="IPersonStore"/> yet.</summary>
public sealed class InMemoryPersonStore : IPersonStore
{
    private readonly ConcurrentDictionary<PersonKey, PersonProfile> _people = new();

    public Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_people.TryGetValue(key, out var profile) ? profile : null);

    public Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _people[profile.Key] = profile;
        return Task.CompletedTask;
    }
}

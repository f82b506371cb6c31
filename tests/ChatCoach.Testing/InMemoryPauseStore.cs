using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;

namespace ChatCoach.Testing;

public sealed class InMemoryPauseStore : IPauseStore
{
    private readonly ConcurrentDictionary<PersonKey, PauseHistory> _pauses = new();

    public Task<PauseHistory> GetAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_pauses.TryGetValue(person, out var history) ? history : PauseHistory.Empty);

    public Task SaveAsync(PersonKey person, PauseHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        _pauses[person] = history with { Pauses = [.. history.Pauses] };
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_pauses.TryRemove(person, out _) ? 1 : 0);
}

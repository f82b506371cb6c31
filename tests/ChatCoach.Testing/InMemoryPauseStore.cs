using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;

namespace ChatCoach.Testing;

/// <summary>Pauses in memory; like the LiteDB store it returns them oldest first whatever order they were saved in.</summary>
public sealed class InMemoryPauseStore : IPauseStore
{
    private readonly ConcurrentDictionary<PersonKey, PauseHistory> _pauses = new();

    public Task<PauseHistory> GetAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_pauses.TryGetValue(person, out var history) ? history : PauseHistory.Empty);

    public Task SaveAsync(PersonKey person, PauseHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        _pauses[person] = history with { Pauses = [.. history.Pauses.OrderBy(p => p.First)] };
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_pauses.TryRemove(person, out _) ? 1 : 0);
}

using System.Collections.Concurrent;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Testing;

public sealed class InMemoryProgressionStore : IProgressionStore
{
    private readonly ConcurrentDictionary<PersonKey, ProgressionState> _states = new();

    public Task<ProgressionState?> GetAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(person, out var state) ? state : null);

    public Task SaveAsync(PersonKey person, ProgressionState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        _states[person] = state;
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryRemove(person, out _) ? 1 : 0);
}

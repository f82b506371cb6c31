using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using NodaTime;

namespace ChatCoach.Testing;

/// <summary>Account links, codes and wrong tries in memory, with the LiteDB store's semantics (a code is taken once).</summary>
public sealed class InMemoryAccountLinkStore : IAccountLinkStore
{
    private readonly ConcurrentDictionary<PersonKey, (PersonKey Person, Instant LinkedAt)> _links = new();
    private readonly ConcurrentDictionary<string, PendingLinkCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PersonKey, List<Instant>> _wrongTries = new();

    /// <summary>Every stored code hash (tests check that no plain code is kept).</summary>
    public IReadOnlyCollection<string> CodeHashes => [.. _codes.Keys];

    public Task<PersonKey?> FindPersonAsync(PersonKey account, CancellationToken cancellationToken) =>
        Task.FromResult(_links.TryGetValue(account, out var link) ? link.Person : null);

    public Task<IReadOnlyList<PersonKey>> GetAccountsAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PersonKey>>([.. _links.Where(l => l.Value.Person == person)
            .OrderBy(l => l.Key == person ? 0 : 1).ThenBy(l => l.Value.LinkedAt).ThenBy(l => $"{l.Key.Platform}|{l.Key.UserId}", StringComparer.Ordinal)
            .Select(l => l.Key)]);

    public Task SaveLinkAsync(PersonKey account, PersonKey person, Instant linkedAt, CancellationToken cancellationToken)
    {
        _links[account] = (person, linkedAt);
        return Task.CompletedTask;
    }

    public Task<bool> RemoveLinkAsync(PersonKey account, CancellationToken cancellationToken) =>
        Task.FromResult(_links.TryRemove(account, out _));

    public Task SaveCodeAsync(PendingLinkCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (var old in _codes.Where(c => c.Value.Account == code.Account).ToList())
        {
            _codes.TryRemove(old.Key, out _);
        }

        _codes[code.CodeHash] = code;
        return Task.CompletedTask;
    }

    public Task<PendingLinkCode?> TakeCodeAsync(string codeHash, CancellationToken cancellationToken) =>
        Task.FromResult(_codes.TryRemove(codeHash, out var code) ? code : null);

    public Task<IReadOnlyList<Instant>> RecordWrongTryAsync(PersonKey account, Instant at, Instant since, CancellationToken cancellationToken)
    {
        var tries = _wrongTries.GetOrAdd(account, _ => []);
        lock (tries)
        {
            tries.RemoveAll(t => t < since);
            tries.Add(at);
            tries.Sort();
            return Task.FromResult<IReadOnlyList<Instant>>([.. tries]);
        }
    }

    public Task<IReadOnlyList<Instant>> GetWrongTriesAsync(PersonKey account, Instant since, CancellationToken cancellationToken)
    {
        if (!_wrongTries.TryGetValue(account, out var tries))
        {
            return Task.FromResult<IReadOnlyList<Instant>>([]);
        }

        lock (tries)
        {
            return Task.FromResult<IReadOnlyList<Instant>>([.. tries.Where(t => t >= since).Order()]);
        }
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var deleted = _links.Where(l => l.Key == person || l.Value.Person == person).Count(l => _links.TryRemove(l.Key, out _));
        deleted += _codes.Where(c => c.Value.Account == person).Count(c => _codes.TryRemove(c.Key, out _));
        deleted += _wrongTries.TryRemove(person, out _) ? 1 : 0;
        return Task.FromResult(deleted);
    }
}

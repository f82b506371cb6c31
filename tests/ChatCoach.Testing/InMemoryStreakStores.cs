using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Testing;

/// <summary>Completions and their cached summaries in memory; (person, date) is unique as in the LiteDB store.</summary>
public sealed class InMemoryCompletionStore(InMemoryStreakSummaryStore summaries) : ICompletionStore
{
    private readonly ConcurrentDictionary<(PersonKey, LocalDate), Completion> _completions = new();

    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (!_completions.TryAdd((completion.Person, completion.Date), completion))
        {
            return Task.FromResult(false);
        }

        return summaries.SaveAsync(summary, cancellationToken).ContinueWith(_ => true, TaskScheduler.Default);
    }

    public Task<IReadOnlyList<LocalDate>> GetDatesAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LocalDate>>([.. _completions.Keys.Where(k => k.Item1 == person && k.Item2 >= first && k.Item2 <= last).Select(k => k.Item2).Order()]);

    public Task<IReadOnlyList<LocalDate>> GetAllDatesAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LocalDate>>([.. _completions.Keys.Where(k => k.Item1 == person).Select(k => k.Item2).Order()]);

    public Task<IReadOnlyList<Completion>> GetAllAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Completion>>([.. _completions.Values.Where(c => c.Person == person).OrderBy(c => c.Date)]);

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_completions.Keys.Where(k => k.Item1 == person).Count(k => _completions.TryRemove(k, out _)));
}

public sealed class InMemoryStreakSummaryStore : IStreakSummaryStore
{
    private readonly ConcurrentDictionary<PersonKey, StreakSummary> _summaries = new();

    public Task<StreakSummary?> FindAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_summaries.TryGetValue(person, out var summary) ? summary : null);

    public Task<IReadOnlyList<StreakSummary>> FindManyAsync(IReadOnlyCollection<PersonKey> people, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StreakSummary>>([.. people.Select(p => _summaries.TryGetValue(p, out var s) ? s : null).OfType<StreakSummary>()]);

    public Task SaveAsync(StreakSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _summaries[summary.Person] = summary;
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_summaries.TryRemove(person, out _) ? 1 : 0);
}

/// <summary>Who pressed Done where: by chat, and also by server when the chat has one (as the LiteDB store scopes it).</summary>
public sealed class InMemoryStreakActivityStore : IStreakActivityStore
{
    // (scope, person) → the name last seen there, or null when none was recorded.
    private readonly ConcurrentDictionary<(string Scope, PersonKey Person), string?> _seen = new();

    public Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken) =>
        Record(chat, person, null);

    public Task RecordAsync(ChatAddress chat, PersonKey person, string displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return Record(chat, person, displayName);
    }

    public Task<IReadOnlyList<PersonKey>> GetPeopleAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var scope = ServerScope(chat) ?? ChatScope(chat);
        return Task.FromResult<IReadOnlyList<PersonKey>>([.. _seen.Keys.Where(k => k.Scope == scope).Select(k => k.Person).Distinct()]);
    }

    public Task<IReadOnlyList<ScopeMember>> GetMembersAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var scope = ServerScope(chat) ?? ChatScope(chat);
        return Task.FromResult<IReadOnlyList<ScopeMember>>([.. _seen.Where(e => e.Key.Scope == scope).Select(e => new ScopeMember(e.Key.Person, e.Value))]);
    }

    public Task<IReadOnlyDictionary<string, string>> GetScopeNamesAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(_seen.Where(e => e.Key.Person == person && e.Value is not null).ToDictionary(e => e.Key.Scope, e => e.Value!));

    public Task<IReadOnlyList<string>> GetScopesAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _seen.Keys.Where(k => k.Person == person).Select(k => k.Scope).Order(StringComparer.Ordinal)]);

    public Task<int> CopyPersonAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var (key, name) in _seen.Where(e => e.Key.Person == source).ToList())
        {
            // The target's own name in a scope stays; the source's fills in where the target has none.
            if (_seen.TryAdd((key.Scope, target), name))
            {
                added++;
            }
            else if (name is not null)
            {
                _seen.AddOrUpdate((key.Scope, target), name, (_, kept) => kept ?? name);
            }
        }

        return Task.FromResult(added);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.Keys.Where(k => k.Person == person).Count(k => _seen.TryRemove(k, out _)));

    private Task Record(ChatAddress chat, PersonKey person, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(chat);

        // Both scopes, as the LiteDB store records them: the chat always, and its server when it has one.
        Touch(ChatScope(chat), person, displayName);
        if (ServerScope(chat) is { } server)
        {
            Touch(server, person, displayName);
        }

        return Task.CompletedTask;
    }

    private void Touch(string scope, PersonKey person, string? displayName) =>
        _seen.AddOrUpdate((scope, person), displayName, (_, kept) => displayName ?? kept);

    private static string ChatScope(ChatAddress chat) => $"{chat.Platform}|chat|{chat.ChatId}";

    private static string? ServerScope(ChatAddress chat) => chat.ServerId is { } server ? $"{chat.Platform}|server|{server}" : null;
}

public sealed class InMemoryPersonStore : IPersonStore
{
    private readonly ConcurrentDictionary<PersonKey, PersonProfile> _people = new();
    private readonly ConcurrentDictionary<PersonKey, string> _languages = new();

    public Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_people.TryGetValue(key, out var profile) ? profile : null);

    public Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _people[profile.Key] = profile;
        return Task.CompletedTask;
    }

    /// <summary>Gives the person a zone, as a /timezone before the test would (display name: the user id).</summary>
    public void SetZone(PersonKey key, string zoneId) => _people[key] = new PersonProfile(key, key.UserId, zoneId);

    public Task<string?> FindLanguageAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_languages.TryGetValue(person, out var language) ? language : null);

    public Task SaveLanguageAsync(PersonKey person, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);

        // Like the real stores: the language lives in the person's record, which it creates when there is none.
        _people.TryAdd(person, new PersonProfile(person, "", null));
        if (language is null)
        {
            _languages.TryRemove(person, out _);
        }
        else
        {
            _languages[person] = language;
        }

        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        _languages.TryRemove(person, out _);
        return Task.FromResult(_people.TryRemove(person, out _) ? 1 : 0);
    }
}

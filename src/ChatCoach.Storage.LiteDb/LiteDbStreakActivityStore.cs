using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>Who completed a routine in which chat and server; indexed by scope for the leaderboard.</summary>
public sealed class LiteDbStreakActivityStore : IStreakActivityStore
{
    internal const string CollectionName = "streak_activity";

    private readonly ChatCoachDatabase _database;

    public LiteDbStreakActivityStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    internal static void EnsureIndexes(LiteDatabase database)
    {
        database.GetCollection<ActivityRow>(CollectionName).EnsureIndex(r => r.Scope);
        database.GetCollection<ActivityRow>(CollectionName).EnsureIndex(r => r.Person);
    }

    public Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(person);
        Touch(StorageKeys.ChatScope(chat), person);
        if (StorageKeys.ServerScope(chat) is { } server)
        {
            Touch(server, person);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PersonKey>> GetPeopleAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var scope = StorageKeys.ServerScope(chat) ?? StorageKeys.ChatScope(chat);
        IReadOnlyList<PersonKey> people = _database.Read(db => (IReadOnlyList<PersonKey>)[.. Rows(db).Find(r => r.Scope == scope).Select(r => StorageKeys.ParsePerson(r.Person))]);
        return Task.FromResult(people);
    }

    public Task<IReadOnlyList<string>> GetScopesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        IReadOnlyList<string> scopes = _database.Read(db => (IReadOnlyList<string>)[.. Rows(db).Find(r => r.Person == key).Select(r => r.Scope).Order(StringComparer.Ordinal)]);
        return Task.FromResult(scopes);
    }

    public async Task<int> CopyPersonAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var added = 0;
        foreach (var scope in await GetScopesAsync(source, cancellationToken))
        {
            added += Touch(scope, target) ? 1 : 0;
        }

        return added;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        return Task.FromResult(_database.Write(db => Rows(db).DeleteMany(r => r.Person == key)));
    }

    private bool Touch(string scope, PersonKey person)
    {
        var id = StorageKeys.Activity(scope, person);

        // Insert-if-missing: a Done in a known chat costs one primary-key lookup and no write.
        if (_database.Read(db => Rows(db).FindById(id)) is null)
        {
            return _database.Write(db => Rows(db).Upsert(new ActivityRow { Id = id, Scope = scope, Person = StorageKeys.Person(person) }));
        }

        return false;
    }

    private static ILiteCollection<ActivityRow> Rows(LiteDatabase db) => db.GetCollection<ActivityRow>(CollectionName);

    internal sealed class ActivityRow
    {
        public string Id { get; set; } = "";

        public string Scope { get; set; } = "";

        public string Person { get; set; } = "";
    }
}

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

    /// <summary>The file this store writes (the Done group commit writes its rows there too).</summary>
    internal ChatCoachDatabase Database => _database;

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    internal static void EnsureIndexes(LiteDatabase database)
    {
        database.GetCollection<ActivityRow>(CollectionName).EnsureIndex(r => r.Scope);
        database.GetCollection<ActivityRow>(CollectionName).EnsureIndex(r => r.Person);
    }

    public Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken) =>
        Record(chat, person, null);

    public Task RecordAsync(ChatAddress chat, PersonKey person, string displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return Record(chat, person, displayName);
    }

    private Task Record(ChatAddress chat, PersonKey person, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(person);
        Touch(StorageKeys.ChatScope(chat), person, displayName, replaceName: true);
        if (StorageKeys.ServerScope(chat) is { } server)
        {
            Touch(server, person, displayName, replaceName: true);
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

    public Task<IReadOnlyList<ScopeMember>> GetMembersAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var scope = StorageKeys.ServerScope(chat) ?? StorageKeys.ChatScope(chat);
        IReadOnlyList<ScopeMember> members = _database.Read(db => (IReadOnlyList<ScopeMember>)[.. Rows(db).Find(r => r.Scope == scope).Select(r => new ScopeMember(StorageKeys.ParsePerson(r.Person), r.DisplayName))]);
        return Task.FromResult(members);
    }

    public Task<IReadOnlyDictionary<string, string>> GetScopeNamesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        IReadOnlyDictionary<string, string> names = _database.Read(db => Rows(db).Find(r => r.Person == key).Where(r => r.DisplayName is not null).ToDictionary(r => r.Scope, r => r.DisplayName!));
        return Task.FromResult(names);
    }

    public Task<IReadOnlyList<string>> GetScopesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        IReadOnlyList<string> scopes = _database.Read(db => (IReadOnlyList<string>)[.. Rows(db).Find(r => r.Person == key).Select(r => r.Scope).Order(StringComparer.Ordinal)]);
        return Task.FromResult(scopes);
    }

    public Task<int> CopyPersonAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        var key = StorageKeys.Person(source);
        var rows = _database.Read(db => Rows(db).Find(r => r.Person == key).ToList());
        var added = 0;
        foreach (var row in rows)
        {
            // The target's own name in a scope stays; the source's fills in where the target has none.
            added += Touch(row.Scope, target, row.DisplayName, replaceName: false) ? 1 : 0;
        }

        return Task.FromResult(added);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        return Task.FromResult(_database.Write(db => Rows(db).DeleteMany(r => r.Person == key)));
    }

    /// <summary>Inserts the row if missing (returns true) or, when the name changed, updates it.</summary>
    private bool Touch(string scope, PersonKey person, string? displayName, bool replaceName)
    {
        var id = StorageKeys.Activity(scope, person);

        // A Done in a known chat under the same name costs one primary-key lookup and no write.
        var existing = _database.Read(db => Rows(db).FindById(id));
        if (Changed(existing, id, scope, person, displayName, replaceName) is not { } row)
        {
            return false;
        }

        _database.Write(db => Rows(db).Upsert(row));
        return existing is null;
    }

    /// <summary>The press's activity rows (its chat's and its server's) inside the caller's transaction: the Done group commit's.</summary>
    internal static void Record(LiteDatabase db, ChatAddress chat, PersonKey person, string displayName)
    {
        var rows = Rows(db);
        foreach (var scope in new[] { StorageKeys.ChatScope(chat), StorageKeys.ServerScope(chat) }.OfType<string>())
        {
            var id = StorageKeys.Activity(scope, person);
            if (Changed(rows.FindById(id), id, scope, person, displayName, replaceName: true) is { } row)
            {
                rows.Upsert(row);
            }
        }
    }

    /// <summary>The row to write: a new one when missing, the renamed one when its name changed; null when it stays.</summary>
    private static ActivityRow? Changed(ActivityRow? existing, string id, string scope, PersonKey person, string? displayName, bool replaceName)
    {
        if (existing is null)
        {
            return new ActivityRow { Id = id, Scope = scope, Person = StorageKeys.Person(person), DisplayName = displayName };
        }

        return displayName is not null && existing.DisplayName != displayName && (replaceName || existing.DisplayName is null)
            ? new ActivityRow { Id = id, Scope = scope, Person = existing.Person, DisplayName = displayName }
            : null;
    }

    private static ILiteCollection<ActivityRow> Rows(LiteDatabase db) => db.GetCollection<ActivityRow>(CollectionName);

    internal sealed class ActivityRow
    {
        public string Id { get; set; } = "";

        public string Scope { get; set; } = "";

        public string Person { get; set; } = "";

        /// <summary>The name the person last went by in this scope; null in rows written before names were kept per scope.</summary>
        public string? DisplayName { get; set; }
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>People keyed by platform and platform user id (the primary key; no other lookup is made).</summary>
public sealed class LiteDbPersonStore : IPersonStore
{
    internal const string CollectionName = "people";

    /// <summary>The key of the chosen language in the row's free-form settings.</summary>
    internal const string LanguageSetting = "language";

    private readonly ChatCoachDatabase _database;

    public LiteDbPersonStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>The file this store writes (the Done group commit writes its rows there too).</summary>
    internal ChatCoachDatabase Database => _database;

    public Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = _database.Read(db => Rows(db).FindById(StorageKeys.Person(key)));
        return Task.FromResult(row is null ? null : new PersonProfile(key, row.DisplayName, row.TimeZoneId));
    }

    public Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _database.Write(db => Save(db, profile));
        return Task.CompletedTask;
    }

    /// <summary>Name and zone saved inside the caller's transaction (a store write, or the Done group commit's).</summary>
    internal static void Save(LiteDatabase db, PersonProfile profile)
    {
        // Keep settings this record does not carry (written by other features) when refreshing name and zone.
        var id = StorageKeys.Person(profile.Key);
        var rows = Rows(db);
        var row = rows.FindById(id) ?? new PersonRow { Id = id, Platform = profile.Key.Platform, UserId = profile.Key.UserId };
        row.DisplayName = profile.DisplayName;
        row.TimeZoneId = profile.TimeZoneId;
        rows.Upsert(row);
    }

    public Task<string?> FindLanguageAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var row = _database.Read(db => Rows(db).FindById(StorageKeys.Person(person)));
        return Task.FromResult(row?.Settings.GetValueOrDefault(LanguageSetting));
    }

    public Task SaveLanguageAsync(PersonKey person, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var id = StorageKeys.Person(person);
        _database.Write(db =>
        {
            var rows = Rows(db);
            var row = rows.FindById(id) ?? new PersonRow { Id = id, Platform = person.Platform, UserId = person.UserId };
            if (language is null)
            {
                row.Settings.Remove(LanguageSetting);
            }
            else
            {
                row.Settings[LanguageSetting] = language;
            }

            rows.Upsert(row);
        });
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Write(db => Rows(db).Delete(StorageKeys.Person(person))) ? 1 : 0);
    }

    private static ILiteCollection<PersonRow> Rows(LiteDatabase db) => db.GetCollection<PersonRow>(CollectionName);

    internal sealed class PersonRow
    {
        public string Id { get; set; } = "";

        public string Platform { get; set; } = "";

        public string UserId { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? TimeZoneId { get; set; }

        /// <summary>Free-form per-person settings for features to come; never interpreted by this store.</summary>
        public Dictionary<string, string> Settings { get; set; } = [];
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using LiteDB;
using NodaTime;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Account links (id: the account, indexed by person), pending link codes (id: the code's hash, indexed by account)
/// and each account's recent wrong tries (one small document per account).
/// </summary>
public sealed class LiteDbAccountLinkStore : IAccountLinkStore
{
    internal const string CollectionName = "account_links";
    internal const string CodeCollectionName = "link_codes";
    internal const string WrongTryCollectionName = "link_wrong_tries";

    private readonly ChatCoachDatabase _database;

    public LiteDbAccountLinkStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    internal static void EnsureIndexes(LiteDatabase database)
    {
        database.GetCollection<LinkRow>(CollectionName).EnsureIndex(r => r.Person);
        database.GetCollection<CodeRow>(CodeCollectionName).EnsureIndex(r => r.Account);
    }

    public Task<PersonKey?> FindPersonAsync(PersonKey account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var row = _database.Read(db => Links(db).FindById(StorageKeys.Person(account)));
        return Task.FromResult(row is null ? null : StorageKeys.ParsePerson(row.Person));
    }

    public Task<IReadOnlyList<PersonKey>> GetAccountsAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);

        // The person's own account first, then the others in the order they were linked.
        IReadOnlyList<PersonKey> accounts = _database.Read(db => (IReadOnlyList<PersonKey>)[.. Links(db).Find(r => r.Person == key)
            .OrderBy(r => r.Id == key ? 0 : 1)
            .ThenBy(r => r.LinkedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => StorageKeys.ParsePerson(r.Id))]);
        return Task.FromResult(accounts);
    }

    public Task SaveLinkAsync(PersonKey account, PersonKey person, Instant linkedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(person);
        _database.Write(db => Links(db).Upsert(new LinkRow { Id = StorageKeys.Person(account), Person = StorageKeys.Person(person), LinkedAt = linkedAt.ToDateTimeUtc() }));
        return Task.CompletedTask;
    }

    public Task<bool> RemoveLinkAsync(PersonKey account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Task.FromResult(_database.Write(db => Links(db).Delete(StorageKeys.Person(account))));
    }

    public Task SaveCodeAsync(PendingLinkCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var account = StorageKeys.Person(code.Account);
        _database.Write(db =>
        {
            var codes = Codes(db);
            codes.DeleteMany(r => r.Account == account);
            return codes.Upsert(new CodeRow { Id = code.CodeHash, Account = account, ExpiresMs = code.ExpiresAt.ToUnixTimeMilliseconds() });
        });
        return Task.CompletedTask;
    }

    public Task<PendingLinkCode?> TakeCodeAsync(string codeHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHash);

        // Delete answers true for one caller only, so of two racing for a code exactly one gets it.
        var row = _database.Write(db =>
        {
            var codes = Codes(db);
            return codes.FindById(codeHash) is { } found && codes.Delete(codeHash) ? found : null;
        });
        return Task.FromResult(row is null ? null : new PendingLinkCode(row.Id, StorageKeys.ParsePerson(row.Account), Instant.FromUnixTimeMilliseconds(row.ExpiresMs)));
    }

    public Task<IReadOnlyList<Instant>> RecordWrongTryAsync(PersonKey account, Instant at, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = StorageKeys.Person(account);
        var tries = _database.Write(db =>
        {
            var rows = WrongTries(db);
            var row = rows.FindById(id) ?? new WrongTryRow { Id = id };
            row.TriesMs = [.. row.TriesMs.Where(ms => ms >= since.ToUnixTimeMilliseconds()).Append(at.ToUnixTimeMilliseconds()).Order()];
            rows.Upsert(row);
            return row.TriesMs;
        });
        return Task.FromResult<IReadOnlyList<Instant>>([.. tries.Select(Instant.FromUnixTimeMilliseconds)]);
    }

    public Task<IReadOnlyList<Instant>> GetWrongTriesAsync(PersonKey account, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var row = _database.Read(db => WrongTries(db).FindById(StorageKeys.Person(account)));
        return Task.FromResult<IReadOnlyList<Instant>>(row is null ? [] : [.. row.TriesMs.Where(ms => ms >= since.ToUnixTimeMilliseconds()).Order().Select(Instant.FromUnixTimeMilliseconds)]);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        return Task.FromResult(_database.Write(db =>
            (Links(db).Delete(key) ? 1 : 0)
            + Links(db).DeleteMany(r => r.Person == key)
            + Codes(db).DeleteMany(r => r.Account == key)
            + (WrongTries(db).Delete(key) ? 1 : 0)));
    }

    private static ILiteCollection<LinkRow> Links(LiteDatabase db) => db.GetCollection<LinkRow>(CollectionName);

    private static ILiteCollection<CodeRow> Codes(LiteDatabase db) => db.GetCollection<CodeRow>(CodeCollectionName);

    private static ILiteCollection<WrongTryRow> WrongTries(LiteDatabase db) => db.GetCollection<WrongTryRow>(WrongTryCollectionName);

    internal sealed class LinkRow
    {
        public string Id { get; set; } = "";

        public string Person { get; set; } = "";

        public DateTime LinkedAt { get; set; }
    }

    internal sealed class CodeRow
    {
        /// <summary>SHA-256 of the code; the code itself is never stored.</summary>
        public string Id { get; set; } = "";

        public string Account { get; set; } = "";

        public long ExpiresMs { get; set; }
    }

    internal sealed class WrongTryRow
    {
        public string Id { get; set; } = "";

        public List<long> TriesMs { get; set; } = [];
    }
}

using ChatCoach.Core.Storage;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>The update inbox in the LiteDB file: one process per file, so a lock here makes each claim atomic.</summary>
public sealed class LiteDbUpdateInbox : IUpdateInbox
{
    internal const string CollectionName = "update_inbox";

    private readonly ChatCoachDatabase _database;
    private readonly Lock _claims = new();

    public LiteDbUpdateInbox(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<UpdateClaim> TryClaimAsync(string source, long updateId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            var id = Key(source, updateId);
            var existing = _database.Read(db => Rows(db).FindById(id));
            if (existing is { DoneAt: not null })
            {
                return Task.FromResult(UpdateClaim.Done);
            }

            if (existing is not null && existing.LeaseUntil > now.UtcDateTime)
            {
                return Task.FromResult(UpdateClaim.Held);
            }

            _database.Write(db => Rows(db).Upsert(new InboxRow { Id = id, Source = source, LeaseUntil = leaseUntil.UtcDateTime }));
            return Task.FromResult(UpdateClaim.Claimed);
        }
    }

    public Task CompleteAsync(string source, long updateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            var id = Key(source, updateId);
            _database.Write(db => Rows(db).Upsert(new InboxRow { Id = id, Source = source, LeaseUntil = now.UtcDateTime, DoneAt = now.UtcDateTime }));
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string source, long updateId, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            var id = Key(source, updateId);
            _database.Write(db =>
            {
                if (Rows(db).FindById(id) is { DoneAt: null } row)
                {
                    row.LeaseUntil = DateTime.MinValue;
                    Rows(db).Update(row);
                }
            });
        }

        return Task.CompletedTask;
    }

    public Task<int> PruneAsync(string source, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = before.UtcDateTime;
        lock (_claims)
        {
            return Task.FromResult(_database.Write(db =>
            {
                // Filtered here, not in a LiteDB query: BSON orders null below every date.
                var old = Rows(db).Find(r => r.Source == source).Where(r => r.DoneAt is { } done && done < cutoff).Select(r => r.Id).ToList();
                return old.Count(id => Rows(db).Delete(id));
            }));
        }
    }

    internal static void EnsureIndexes(LiteDatabase database) => database.GetCollection<InboxRow>(CollectionName).EnsureIndex(r => r.Source);

    private static string Key(string source, long updateId) => $"{source}|{updateId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static ILiteCollection<InboxRow> Rows(LiteDatabase db) => db.GetCollection<InboxRow>(CollectionName);

    internal sealed class InboxRow
    {
        public string Id { get; set; } = "";

        public string Source { get; set; } = "";

        public DateTime LeaseUntil { get; set; }

        public DateTime? DoneAt { get; set; }
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using LiteDB;
using NodaTime;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Pain check-ins with id <c>platform|user|yyyy-MM-dd</c>: the primary key keeps one per person and local date, and a
/// person's date range is a primary-key range. The last referral date lives in its own small collection per person.
/// </summary>
public sealed class LiteDbCheckInStore : ICheckInStore
{
    internal const string CollectionName = "pain_checkins";
    internal const string ReferralCollectionName = "coaching_referrals";

    private readonly ChatCoachDatabase _database;

    public LiteDbCheckInStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<bool> SaveAsync(PainCheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var row = new CheckInRow
        {
            Id = StorageKeys.Completion(checkIn.Person, checkIn.Date),
            Person = StorageKeys.Person(checkIn.Person),
            Date = StorageKeys.Date(checkIn.Date),
            Score = checkIn.Score,
            RecordedAt = checkIn.RecordedAt.ToDateTimeUtc(),
        };

        // Upsert answers true for an insert: a replaced check-in is the other case.
        return Task.FromResult(!_database.Write(db => Rows(db).Upsert(row)));
    }

    public Task<IReadOnlyList<PainCheckIn>> GetRangeAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var low = StorageKeys.Completion(person, first);
        var high = StorageKeys.Completion(person, last);
        var key = StorageKeys.Person(person);

        // The key collation is culture-aware, so the range is filtered by person as well (as the completion store does).
        var rows = _database.Read(db => Rows(db).Find(Query.Between("_id", low, high)).Where(r => r.Person == key).ToList());
        return Task.FromResult<IReadOnlyList<PainCheckIn>>([.. rows
            .Select(r => new PainCheckIn(person, StorageKeys.ParseDate(r.Date), r.Score, Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc))))
            .OrderBy(c => c.Date)]);
    }

    public Task<LocalDate?> GetLastReferralAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var row = _database.Read(db => Referrals(db).FindById(StorageKeys.Person(person)));
        return Task.FromResult<LocalDate?>(row is null ? null : StorageKeys.ParseDate(row.Date));
    }

    public Task SetLastReferralAsync(PersonKey person, LocalDate day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        _database.Write(db => Referrals(db).Upsert(new ReferralRow { Id = StorageKeys.Person(person), Date = StorageKeys.Date(day) }));
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        return Task.FromResult(_database.Write(db =>
        {
            // Every id of the person's range, checked against the person as GetRangeAsync does.
            var ids = Rows(db).Find(Query.Between("_id", StorageKeys.Completion(person, new LocalDate(1, 1, 1)), StorageKeys.Completion(person, new LocalDate(9999, 12, 31))))
                .Where(r => r.Person == key)
                .Select(r => r.Id)
                .ToList();
            var deleted = ids.Count(id => Rows(db).Delete(id));
            return deleted + (Referrals(db).Delete(key) ? 1 : 0);
        }));
    }

    private static ILiteCollection<CheckInRow> Rows(LiteDatabase db) => db.GetCollection<CheckInRow>(CollectionName);

    private static ILiteCollection<ReferralRow> Referrals(LiteDatabase db) => db.GetCollection<ReferralRow>(ReferralCollectionName);

    internal sealed class CheckInRow
    {
        public string Id { get; set; } = "";

        public string Person { get; set; } = "";

        public string Date { get; set; } = "";

        public int Score { get; set; }

        public DateTime RecordedAt { get; set; }
    }

    internal sealed class ReferralRow
    {
        public string Id { get; set; } = "";

        public string Date { get; set; } = "";
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using LiteDB;
using NodaTime;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Completions with id <c>platform|user|yyyy-MM-dd</c>: the primary key makes (person, local date) unique atomically, and a
/// person's history is one primary-key range. The <c>Person</c> index serves whole-history reads.
/// </summary>
public sealed class LiteDbCompletionStore : ICompletionStore, IDonePressStore
{
    internal const string CollectionName = "completions";

    private const int ShortRangeDays = 14;

    /// <summary>At most this many presses share one transaction.</summary>
    internal const int MaxGroupCommit = 256;

    private readonly ChatCoachDatabase _database;
    private readonly CompletionGroupCommit _commits;

    /// <summary>Presses that arrive while a commit is being flushed share the next one; a lone press commits at once.</summary>
    public LiteDbCompletionStore(ChatCoachDatabase database)
        : this(database, TimeProvider.System, TimeSpan.Zero, MaxGroupCommit)
    {
    }

    /// <summary>With a <paramref name="window"/>, the first press of a batch waits that long (on <paramref name="time"/>)
    /// for others to join it.</summary>
    internal LiteDbCompletionStore(ChatCoachDatabase database, TimeProvider time, TimeSpan window, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _commits = new CompletionGroupCommit(database, time, window, maxBatch);
    }

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    internal static void EnsureIndexes(LiteDatabase database) =>
        database.GetCollection<CompletionRow>(CollectionName).EnsureIndex(r => r.Person);

    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(summary);

        // Completion and cached summary in one transaction, so they never disagree after a crash; presses arriving
        // together share that transaction and its flush (group commit), each answered once its commit is in the log.
        return _commits.AddAsync(completion, summary);
    }

    public bool Covers(IPersonStore people, IStreakActivityStore activity) =>
        people is LiteDbPersonStore p && ReferenceEquals(p.Database, _database)
        && activity is LiteDbStreakActivityStore a && ReferenceEquals(a.Database, _database);

    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, DonePressWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(writes);

        // The press's profile and activity rows ride in the same group-commit transaction: one commit for all of it.
        return _commits.AddAsync(completion, summary, writes);
    }

    /// <summary>The group committer of this store's Done presses (tests read its commit count).</summary>
    internal CompletionGroupCommit GroupCommit => _commits;

    public Task<IReadOnlyList<LocalDate>> GetDatesAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var days = Period.DaysBetween(first, last) + 1;
        if (days <= 0)
        {
            return Task.FromResult<IReadOnlyList<LocalDate>>([]);
        }

        // Measured on 31M completions: a week as seven primary-key lookups takes ~0.5 ms, the same week as a
        // key-range query ~2.2 ms. Short windows (the /streak strip) look each day up; long ones use the range.
        if (days <= ShortRangeDays)
        {
            IReadOnlyList<LocalDate> found = _database.Read(db =>
            {
                var rows = Rows(db);
                return (IReadOnlyList<LocalDate>)[.. Enumerable.Range(0, days).Select(first.PlusDays).Where(d => rows.FindById(StorageKeys.Completion(person, d)) is not null)];
            });
            return Task.FromResult(found);
        }

        var key = StorageKeys.Person(person);
        var query = Query.Between("_id", StorageKeys.Completion(person, first), StorageKeys.Completion(person, last));

        // The key range is exact for ISO dates; the Person check guards against any collation surprise at its edges.
        IReadOnlyList<LocalDate> dates = _database.Read(db => (IReadOnlyList<LocalDate>)[.. Rows(db).Find(query).Where(r => r.Person == key).Select(r => StorageKeys.ParseDate(r.Date)).Order()]);
        return Task.FromResult(dates);
    }

    public Task<IReadOnlyList<LocalDate>> GetAllDatesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        IReadOnlyList<LocalDate> dates = _database.Read(db => (IReadOnlyList<LocalDate>)[.. Rows(db).Find(r => r.Person == key).Select(r => StorageKeys.ParseDate(r.Date)).Order()]);
        return Task.FromResult(dates);
    }

    public Task<IReadOnlyList<Completion>> GetAllAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        IReadOnlyList<Completion> found = _database.Read(db => (IReadOnlyList<Completion>)[.. Rows(db).Find(r => r.Person == key)
            .Select(r => new Completion(person, StorageKeys.ParseDate(r.Date), new ChatAddress(r.Platform, r.ChatId, r.ServerId), Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.CompletedAt, DateTimeKind.Utc))))
            .OrderBy(c => c.Date)]);
        return Task.FromResult(found);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var key = StorageKeys.Person(person);
        return Task.FromResult(_database.Write(db => Rows(db).DeleteMany(r => r.Person == key)));
    }

    private static ILiteCollection<CompletionRow> Rows(LiteDatabase db) => db.GetCollection<CompletionRow>(CollectionName);

    internal static CompletionRow ToRow(Completion completion) => new()
    {
        Id = StorageKeys.Completion(completion.Person, completion.Date),
        Person = StorageKeys.Person(completion.Person),
        Date = StorageKeys.Date(completion.Date),
        Platform = completion.Chat.Platform,
        ChatId = completion.Chat.ChatId,
        ServerId = completion.Chat.ServerId,
        CompletedAt = completion.CompletedAt.ToDateTimeUtc(),
    };

    internal sealed class CompletionRow
    {
        public string Id { get; set; } = "";

        public string Person { get; set; } = "";

        public string Date { get; set; } = "";

        public string Platform { get; set; } = "";

        public string ChatId { get; set; } = "";

        public string? ServerId { get; set; }

        public DateTime CompletedAt { get; set; }
    }
}

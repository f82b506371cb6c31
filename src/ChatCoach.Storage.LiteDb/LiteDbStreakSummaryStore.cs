using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>The per-person streak cache, keyed by person; the leaderboard reads it by primary key.</summary>
public sealed class LiteDbStreakSummaryStore : IStreakSummaryStore
{
    internal const string CollectionName = "streak_summaries";

    private readonly ChatCoachDatabase _database;

    public LiteDbStreakSummaryStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<StreakSummary?> FindAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var row = _database.Read(db => Rows(db).FindById(StorageKeys.Person(person)));
        return Task.FromResult(row is null ? null : FromRow(row));
    }

    public Task<IReadOnlyList<StreakSummary>> FindManyAsync(IReadOnlyCollection<PersonKey> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        IReadOnlyList<StreakSummary> found = _database.Read(db =>
        {
            var rows = Rows(db);
            return (IReadOnlyList<StreakSummary>)[.. people.Select(p => rows.FindById(StorageKeys.Person(p))).OfType<SummaryRow>().Select(FromRow)];
        });
        return Task.FromResult(found);
    }

    public Task SaveAsync(StreakSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var row = ToRow(summary);
        _database.Write(db => Rows(db).Upsert(row));
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Write(db => Rows(db).Delete(StorageKeys.Person(person))) ? 1 : 0);
    }

    private static ILiteCollection<SummaryRow> Rows(LiteDatabase db) => db.GetCollection<SummaryRow>(CollectionName);

    internal static SummaryRow ToRow(StreakSummary summary)
    {
        var state = summary.State;
        return new SummaryRow
        {
            Id = StorageKeys.Person(summary.Person),
            DisplayName = summary.DisplayName,
            TimeZoneId = summary.TimeZoneId,
            LastDate = state.LastDate is { } last ? StorageKeys.Date(last) : null,
            Run = state.Run,
            Longest = state.Longest,
            Total = state.Total,
            Freezes = state.Freezes,
            FrozenDates = [.. state.FrozenDates.Select(StorageKeys.Date)],
        };
    }

    private static StreakSummary FromRow(SummaryRow row) => new(
        StorageKeys.ParsePerson(row.Id),
        row.DisplayName,
        row.TimeZoneId,
        new StreakState(
            row.LastDate is null ? null : StorageKeys.ParseDate(row.LastDate),
            row.Run,
            row.Longest,
            row.Total,
            row.Freezes,
            [.. row.FrozenDates.Select(StorageKeys.ParseDate)]));

    internal sealed class SummaryRow
    {
        public string Id { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? TimeZoneId { get; set; }

        public string? LastDate { get; set; }

        public int Run { get; set; }

        public int Longest { get; set; }

        public int Total { get; set; }

        public int Freezes { get; set; }

        public List<string> FrozenDates { get; set; } = [];
    }
}

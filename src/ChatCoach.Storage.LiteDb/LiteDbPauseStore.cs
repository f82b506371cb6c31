using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>One document per person (id <c>platform|user</c>) with every pause as ISO date pairs.</summary>
public sealed class LiteDbPauseStore : IPauseStore
{
    internal const string CollectionName = "pauses";

    private readonly ChatCoachDatabase _database;

    public LiteDbPauseStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<PauseHistory> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var row = _database.Read(db => Rows(db).FindById(StorageKeys.Person(person)));
        return Task.FromResult(row is null
            ? PauseHistory.Empty
            : new PauseHistory([.. row.Pauses.Select(p => new PauseSpan(StorageKeys.ParseDate(p.First), StorageKeys.ParseDate(p.Last))).OrderBy(p => p.First)], row.WelcomedBack));
    }

    public Task SaveAsync(PersonKey person, PauseHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(history);
        var row = new PauseRow
        {
            Id = StorageKeys.Person(person),
            Pauses = [.. history.Pauses.Select(p => new SpanRow { First = StorageKeys.Date(p.First), Last = StorageKeys.Date(p.Last) })],
            WelcomedBack = history.WelcomedBack,
        };
        _database.Write(db => Rows(db).Upsert(row));
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Write(db => Rows(db).Delete(StorageKeys.Person(person))) ? 1 : 0);
    }

    private static ILiteCollection<PauseRow> Rows(LiteDatabase db) => db.GetCollection<PauseRow>(CollectionName);

    internal sealed class PauseRow
    {
        public string Id { get; set; } = "";

        public List<SpanRow> Pauses { get; set; } = [];

        public bool WelcomedBack { get; set; }
    }

    internal sealed class SpanRow
    {
        public string First { get; set; } = "";

        public string Last { get; set; } = "";
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>One document per person (id <c>platform|user</c>): the progression level and the ISO date it last changed.</summary>
public sealed class LiteDbProgressionStore : IProgressionStore
{
    internal const string CollectionName = "progression";

    private readonly ChatCoachDatabase _database;

    public LiteDbProgressionStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<ProgressionState?> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var row = _database.Read(db => Rows(db).FindById(StorageKeys.Person(person)));
        return Task.FromResult(row is null
            ? null
            : new ProgressionState(row.Level, row.ChangedOn is { } changed ? StorageKeys.ParseDate(changed) : null));
    }

    public Task SaveAsync(PersonKey person, ProgressionState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(state);
        var row = new ProgressionRow
        {
            Id = StorageKeys.Person(person),
            Level = state.Level,
            ChangedOn = state.ChangedOn is { } changed ? StorageKeys.Date(changed) : null,
        };
        _database.Write(db => Rows(db).Upsert(row));
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Write(db => Rows(db).Delete(StorageKeys.Person(person)) ? 1 : 0));
    }

    private static ILiteCollection<ProgressionRow> Rows(LiteDatabase db) => db.GetCollection<ProgressionRow>(CollectionName);

    internal sealed class ProgressionRow
    {
        public string Id { get; set; } = "";

        public int Level { get; set; }

        public string? ChangedOn { get; set; }
    }
}

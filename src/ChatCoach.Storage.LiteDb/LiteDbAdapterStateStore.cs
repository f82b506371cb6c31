using ChatCoach.Core.Storage;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

public sealed class LiteDbAdapterStateStore : IAdapterStateStore
{
    internal const string CollectionName = "adapter_state";

    private readonly ChatCoachDatabase _database;

    public LiteDbAdapterStateStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read(db => Rows(db).FindById(key)?.Value));

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        _database.Write(db => Rows(db).Upsert(new AdapterStateRow { Id = key, Value = value }));
        return Task.CompletedTask;
    }

    private static ILiteCollection<AdapterStateRow> Rows(LiteDatabase db) => db.GetCollection<AdapterStateRow>(CollectionName);

    internal sealed class AdapterStateRow
    {
        public string Id { get; set; } = "";

        public string Value { get; set; } = "";
    }
}

using ChatCoach.Core.Storage;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

public sealed class LiteDbAdapterStateStore : IAdapterStateStore
{
    private readonly ILiteCollection<AdapterStateRow> _rows;

    public LiteDbAdapterStateStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _rows = database.Database.GetCollection<AdapterStateRow>("adapter_state");
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.FindById(key)?.Value);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        _rows.Upsert(new AdapterStateRow { Id = key, Value = value });
        return Task.CompletedTask;
    }

    internal sealed class AdapterStateRow
    {
        public string Id { get; set; } = "";

        public string Value { get; set; } = "";
    }
}

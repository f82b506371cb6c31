using ChatCoach.Storage.Contract.Tests;
using ChatCoach.Storage.Postgres;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.SeveralInstances;

/// <summary>Several Telegram instances on one PostgreSQL schema of their own and one Bot API double, on one fake clock.</summary>
public abstract class SharedDatabaseTests : IAsyncLifetime
{
    private string _schema = "";

    protected SharedDatabaseTests()
    {
        Api = new BotApiDouble(Time);
    }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    protected BotApiDouble Api { get; }

    private TempDirectory Folder { get; } = new();

    private string ConnectionString { get; set; } = "";

    public async Task InitializeAsync()
    {
        await Api.StartAsync();
        if (PostgresServer.SkipReason is null)
        {
            (_schema, ConnectionString) = await PostgresServer.CreateSchemaAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_schema.Length > 0)
        {
            await PostgresServer.DropSchemaAsync(_schema);
        }

        Folder.Dispose();
    }

    /// <summary>One instance on the shared database, with <paramref name="settings"/> on top.</summary>
    protected Task<TelegramTestHost> StartInstanceAsync(string name, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = ConnectionString,
        };
        return TelegramTestHost.StartAsync(Api, Time, Path.Combine(Folder.Path, name + ".db"), all, addStorage: builder => builder.AddPostgresStorage());
    }
}

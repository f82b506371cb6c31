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

    /// <param name="time">The instances' and the double's clock; a plain fake clock at 2026-03-02 07:00 UTC unless given.</param>
    protected SharedDatabaseTests(FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Api = new BotApiDouble(Time);
    }

    protected static DateTimeOffset Start { get; } = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; }

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

    /// <summary>One instance on the shared database, with <paramref name="settings"/> on top (and the test commands unless <paramref name="addCommands"/> says otherwise).</summary>
    protected Task<TelegramTestHost> StartInstanceAsync(string name, IDictionary<string, string?> settings, Action<Microsoft.Extensions.Hosting.IHostApplicationBuilder>? addCommands = null)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = ConnectionString,
        };
        return TelegramTestHost.StartAsync(Api, Time, Path.Combine(Folder.Path, name + ".db"), all, addCommands, addStorage: builder => builder.AddPostgresStorage());
    }
}

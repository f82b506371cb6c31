using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.Postgres;

namespace ChatCoach.Storage.Contract.Tests.Backends;

/// <summary>
/// The PostgreSQL stores on the test server (<see cref="PostgresServer"/>), each test in a schema of its own that
/// the start-up migration fills, dropped afterwards.
/// </summary>
public sealed class PostgresBackend : ISharedStoreBackend
{
    private readonly List<PostgresBackend> _others = [];
    private readonly bool _ownsSchema;
    private string? _schema;
    private string? _connectionString;

    public PostgresBackend()
    {
        _ownsSchema = true;
    }

    private PostgresBackend(string schema, string connectionString)
    {
        _schema = schema;
        _connectionString = connectionString;
    }

    public PostgresDatabase Database { get; private set; } = null!;

    public IAdapterStateStore AdapterState { get; private set; } = null!;

    public IUpdateInbox Inbox { get; private set; } = null!;

    public ISubscriptionStore Subscriptions { get; private set; } = null!;

    public IDeliveryLog Deliveries { get; private set; } = null!;

    public IPersonStore People { get; private set; } = null!;

    public ICompletionStore Completions { get; private set; } = null!;

    public IStreakSummaryStore Summaries { get; private set; } = null!;

    public IStreakActivityStore Activity { get; private set; } = null!;

    public ICheckInStore CheckIns { get; private set; } = null!;

    public IPauseStore Pauses { get; private set; } = null!;

    public IProgressionStore Progression { get; private set; } = null!;

    public IReminderStore Reminders { get; private set; } = null!;

    public IAccountLinkStore AccountLinks { get; private set; } = null!;

    public IPostClaims Claims { get; private set; } = null!;

    /// <summary>The connection string of this test's schema.</summary>
    public string ConnectionString => _connectionString!;

    public async Task InitializeAsync()
    {
        if (_ownsSchema)
        {
            (_schema, _connectionString) = await PostgresServer.CreateSchemaAsync();
        }

        var database = Database = await Task.Run(() => new PostgresDatabase(_connectionString!));
        AdapterState = new PostgresAdapterStateStore(database);
        Inbox = new PostgresUpdateInbox(database);
        Subscriptions = new PostgresSubscriptionStore(database);
        Deliveries = new PostgresDeliveryLog(database);
        People = new PostgresPersonStore(database);
        Completions = new PostgresCompletionStore(database);
        Summaries = new PostgresStreakSummaryStore(database);
        Activity = new PostgresStreakActivityStore(database);
        CheckIns = new PostgresCheckInStore(database);
        Pauses = new PostgresPauseStore(database);
        Progression = new PostgresProgressionStore(database);
        Reminders = new PostgresReminderStore(database);
        AccountLinks = new PostgresAccountLinkStore(database);
        Claims = new PostgresPostClaims(database);
    }

    public async Task<ISharedStoreBackend> OpenAnotherInstanceAsync()
    {
        var other = new PostgresBackend(_schema!, _connectionString!);
        await other.InitializeAsync();
        _others.Add(other);
        return other;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (_ownsSchema && _schema is not null)
        {
            await PostgresServer.DropSchemaAsync(_schema);
        }
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb;

namespace ChatCoach.Storage.Contract.Tests.Backends;

/// <summary>The LiteDB stores on a real file in a fresh temp folder, deleted afterwards.</summary>
public sealed class LiteDbBackend : IStoreBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatcoach-contract-" + Guid.NewGuid().ToString("N"));
    private ChatCoachDatabase? _database;

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

    public Task InitializeAsync()
    {
        var database = _database = new ChatCoachDatabase(Path.Combine(_folder, "chatcoach.db"));
        AdapterState = new LiteDbAdapterStateStore(database);
        Inbox = new LiteDbUpdateInbox(database);
        Subscriptions = new LiteDbSubscriptionStore(database);
        Deliveries = new LiteDbDeliveryLog(database);
        People = new LiteDbPersonStore(database);
        Completions = new LiteDbCompletionStore(database);
        Summaries = new LiteDbStreakSummaryStore(database);
        Activity = new LiteDbStreakActivityStore(database);
        CheckIns = new LiteDbCheckInStore(database);
        Pauses = new LiteDbPauseStore(database);
        Progression = new LiteDbProgressionStore(database);
        Reminders = new LiteDbReminderStore(database);
        AccountLinks = new LiteDbAccountLinkStore(database);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _database?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

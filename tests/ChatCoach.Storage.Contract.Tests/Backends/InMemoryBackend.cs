using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Testing;

namespace ChatCoach.Storage.Contract.Tests.Backends;

/// <summary>The in-memory twins the core's specifications run on; "instances" share the same dictionaries.</summary>
public sealed class InMemoryBackend : ISharedStoreBackend
{
    private readonly InMemoryPostClaims.Board _board;

    public InMemoryBackend()
        : this(new InMemoryPostClaims.Board(), null)
    {
    }

    private InMemoryBackend(InMemoryPostClaims.Board board, InMemoryBackend? shared)
    {
        _board = board;
        Claims = new InMemoryPostClaims(board);
        var summaries = shared?.Summaries as InMemoryStreakSummaryStore ?? new InMemoryStreakSummaryStore();
        AdapterState = shared?.AdapterState ?? new InMemoryAdapterStateStore();
        Inbox = shared?.Inbox ?? new InMemoryUpdateInbox();
        Subscriptions = shared?.Subscriptions ?? new InMemorySubscriptionStore();
        Deliveries = shared?.Deliveries ?? new InMemoryDeliveryLog();
        People = shared?.People ?? new InMemoryPersonStore();
        Summaries = summaries;
        Completions = shared?.Completions ?? new InMemoryCompletionStore(summaries);
        Activity = shared?.Activity ?? new InMemoryStreakActivityStore();
        CheckIns = shared?.CheckIns ?? new InMemoryCheckInStore();
        Pauses = shared?.Pauses ?? new InMemoryPauseStore();
        Progression = shared?.Progression ?? new InMemoryProgressionStore();
        Reminders = shared?.Reminders ?? new InMemoryReminderStore();
        AccountLinks = shared?.AccountLinks ?? new InMemoryAccountLinkStore();
    }

    public IAdapterStateStore AdapterState { get; }

    public IUpdateInbox Inbox { get; }

    public ISubscriptionStore Subscriptions { get; }

    public IDeliveryLog Deliveries { get; }

    public IPersonStore People { get; }

    public ICompletionStore Completions { get; }

    public IStreakSummaryStore Summaries { get; }

    public IStreakActivityStore Activity { get; }

    public ICheckInStore CheckIns { get; }

    public IPauseStore Pauses { get; }

    public IProgressionStore Progression { get; }

    public IReminderStore Reminders { get; }

    public IAccountLinkStore AccountLinks { get; }

    public IPostClaims Claims { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task<ISharedStoreBackend> OpenAnotherInstanceAsync() => Task.FromResult<ISharedStoreBackend>(new InMemoryBackend(_board, this));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;

namespace ChatCoach.Storage.Contract.Tests.Backends;

/// <summary>
/// One storage implementation, fresh and empty for each test (xunit makes a new test class per test). Adding a store
/// to the contract suite: a property here, one line in each backend, a contract class (see docs/storage.md).
/// </summary>
public interface IStoreBackend : IAsyncDisposable
{
    Task InitializeAsync();

    IAdapterStateStore AdapterState { get; }

    IUpdateInbox Inbox { get; }

    ISubscriptionStore Subscriptions { get; }

    IDeliveryLog Deliveries { get; }

    IPersonStore People { get; }

    ICompletionStore Completions { get; }

    IStreakSummaryStore Summaries { get; }

    IStreakActivityStore Activity { get; }

    ICheckInStore CheckIns { get; }

    IPauseStore Pauses { get; }

    IProgressionStore Progression { get; }

    IReminderStore Reminders { get; }

    IAccountLinkStore AccountLinks { get; }
}

/// <summary>A backend several instances (processes) can share: each instance has its own stores and its own claims.</summary>
public interface ISharedStoreBackend : IStoreBackend
{
    IPostClaims Claims { get; }

    /// <summary>Another instance on the same data, as a second process would open it; disposed with this backend.</summary>
    Task<ISharedStoreBackend> OpenAnotherInstanceAsync();
}

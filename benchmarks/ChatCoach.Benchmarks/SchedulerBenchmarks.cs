using BenchmarkDotNet.Attributes;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.LiteDb;
using NodaTime;

namespace ChatCoach.Benchmarks;

/// <summary>
/// The scheduler's due scan over 100,000 subscriptions in a LiteDB file, in the steady state at 13:37: posts earlier
/// today are done (their next due is tomorrow), the rest are spread over the remaining minutes (~70 a minute), and
/// 1,000 more are all due at 13:40 (a busy minute; one pass takes a batch of 500). Every 50th row is disabled.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SchedulerBenchmarks : IDisposable
{
    private const int Count = 100_000;
    private const int Typical = (13 * 60) + 37;
    private const int Busy = Typical + 3;
    private static readonly Instant Midnight = Instant.FromUtc(2026, 11, 24, 0, 0);

    private string _directory = "";
    private ChatCoachDatabase? _database;
    private LiteDbSubscriptionStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("chatcoach-bench-").FullName;
        _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));
        _store = new LiteDbSubscriptionStore(_database);
        var rows = _database.Database.GetCollection<LiteDbSubscriptionStore.SubscriptionRow>(LiteDbSubscriptionStore.CollectionName);
        var batch = new List<LiteDbSubscriptionStore.SubscriptionRow>(Count);
        for (var i = 0; i < Count; i++)
        {
            var minute = i < 1_000 ? Busy : i % 1_440;
            var due = Midnight + Duration.FromMinutes(minute < Typical ? minute + 1_440 : minute);
            batch.Add(LiteDbSubscriptionStore.SubscriptionRow.From(new Subscription
            {
                Chat = new ChatAddress("telegram", "chat-" + i),
                LocalTime = due.InUtc().TimeOfDay,
                CreatedBy = new PersonKey("telegram", "u" + i),
                NextLocalDate = due.InUtc().Date,
                NextDue = due,
                Enabled = i % 50 != 0,
            }));
        }

        rows.InsertBulk(batch);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <summary>A typical minute: the ~70 rows due at 13:37.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> DueScanTypicalMinute() =>
        (await _store!.FindDueAsync(Midnight + Duration.FromMinutes(Typical), 0, 500, CancellationToken.None)).Count;

    /// <summary>A busy minute: 1,000 + ~280 due at 13:40, one batch of 500.</summary>
    [Benchmark]
    public async Task<int> DueScanBusyMinuteBatch() =>
        (await _store!.FindDueAsync(Midnight + Duration.FromMinutes(Busy), 0, 500, CancellationToken.None)).Count;

    /// <summary>Nothing due: the index seek alone.</summary>
    [Benchmark]
    public async Task<int> DueScanNothingDue() =>
        (await _store!.FindDueAsync(Midnight + Duration.FromMinutes(Typical) - Duration.FromSeconds(1), 0, 500, CancellationToken.None)).Count;

    /// <summary>The scheduler's "when is the next post" lookup before it sleeps.</summary>
    [Benchmark]
    public async Task<Instant?> NextDueAfter() =>
        await _store!.NextDueAfterAsync(Midnight + Duration.FromMinutes(Typical), CancellationToken.None);

    public void Dispose()
    {
        _database?.Dispose();
        _database = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

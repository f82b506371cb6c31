using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb;
using NodaTime;

namespace ChatCoach.Benchmarks;

/// <summary>
/// One round of <see cref="Pressers"/> Done presses at once, straight at the LiteDB completion store, with group commit
/// (<see cref="MaxBatch"/> 256, the default) and without it (1: every press its own commit and flush, as before).
/// A round's time is the slowest press's wait; divide by the pressers for the cost per press. The file starts empty
/// (a fresh temp file per run, deleted after): the commit and its flush dominate a Done, the 100,000 × a year file of
/// <see cref="StreakStorageBenchmarks"/> adds its index depth to each insert. A short job, for a busy machine.
/// </summary>
[Config(typeof(GroupCommitConfig))]
#pragma warning disable CA1001 // [GlobalCleanup] disposes the database; BenchmarkDotNet owns the lifetime.
public class GroupCommitBenchmarks
#pragma warning restore CA1001
{
    private static readonly ChatAddress Chat = new("telegram", "-100");
    private static readonly LocalDate Day = new(2026, 3, 10);
    private string _folder = null!;
    private ChatCoachDatabase _database = null!;
    private LiteDbCompletionStore _store = null!;
    private int _next;

    [Params(1, 8, 32)]
    public int Pressers { get; set; }

    [Params(1, LiteDbCompletionStore.MaxGroupCommit)]
    public int MaxBatch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("chatcoach-groupcommit-").FullName;
        _database = new ChatCoachDatabase(Path.Combine(_folder, "chatcoach.db"));
        _store = new LiteDbCompletionStore(_database, TimeProvider.System, TimeSpan.Zero, MaxBatch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Done presses at once")]
    public async Task<int> PressAtOnce()
    {
        var presses = new Task<bool>[Pressers];
        for (var i = 0; i < Pressers; i++)
        {
            var person = new PersonKey("telegram", (_next++).ToString(CultureInfo.InvariantCulture));
            presses[i] = Task.Run(() => _store.TryAddAsync(
                new Completion(person, Day, Chat, Instant.FromUtc(2026, 3, 10, 12, 0)),
                new StreakSummary(person, "Runner", null, StreakRules.Fold([Day])),
                CancellationToken.None));
        }

        return (await Task.WhenAll(presses)).Count(stored => stored);
    }
}

/// <summary>A short in-process job (no second build), median, p90, p95 and the slowest round beside the mean.</summary>
public sealed class GroupCommitConfig : ManualConfig
{
    public GroupCommitConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessNoEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(12)
            .WithInvocationCount(4)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.P90, StatisticColumn.P95, StatisticColumn.Max);
    }
}

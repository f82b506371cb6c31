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
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Issue 15's Done target on LiteDB: rounds of <see cref="Pressers"/> Done presses at once through the real
/// <see cref="StreakService"/> (completion, summary and activity, group commit on) against the file of
/// <see cref="StreakStorageBenchmarks"/> (100,000 people × a year, generated once and reused). A round's time is the
/// slowest press's wait; divide by the pressers for the cost per press. Each press is a new person's first Done of a
/// fresh day, so every one is a real insert into the year-deep indexes.
/// </summary>
[Config(typeof(BigFileDoneConfig))]
#pragma warning disable CA1001 // [GlobalCleanup] disposes the database; BenchmarkDotNet owns the lifetime.
public class BigFileDoneBenchmarks
#pragma warning restore CA1001
{
    private ChatCoachDatabase _database = null!;
    private LiteDbAdapterStateStore _state = null!;
    private FakeTimeProvider _time = null!;
    private DonePressRounds _rounds = null!;

    [Params(1, 8, 32)]
    public int Pressers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var people = StreakStorageBenchmarks.People();
        _database = StreakStorageBenchmarks.OpenOrGenerate(StreakStorageBenchmarks.FilePath(people), people);
        _state = new LiteDbAdapterStateStore(_database);
        (var service, _time) = StreakStorageBenchmarks.ServiceOnFreshDay(_database, _state);
        _rounds = new DonePressRounds(service, _time, people);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The next run starts on a day after every day used here, so its presses are inserts too.
        var next = LocalDate.FromDateTime(_time.GetUtcNow().UtcDateTime).PlusDays(1);
        _state.SetAsync(StreakStorageBenchmarks.TodayKey, next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CancellationToken.None).GetAwaiter().GetResult();
        _database.Dispose();
    }

    [Benchmark(Description = "Done presses at once, 100,000 people × a year")]
    public Task<int> PressAtOnce() => _rounds.PressAsync(Pressers);
}

/// <summary>
/// <see cref="GroupCommitConfig"/>'s short job with fewer rounds and a longer in-process limit: opening the 11 GB file and
/// its first cold inserts take longer than the toolchain's default five minutes allow.
/// </summary>
public sealed class BigFileDoneConfig : ManualConfig
{
    public BigFileDoneConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessNoEmitToolchain(TimeSpan.FromMinutes(40), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(10)
            .WithInvocationCount(4)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.P90, StatisticColumn.Max);
    }
}

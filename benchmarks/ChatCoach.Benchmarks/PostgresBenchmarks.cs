using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NodaTime;

namespace ChatCoach.Benchmarks;

/// <summary>
/// A throw-away schema on the PostgreSQL server named by <c>CHATCOACH_BENCH_POSTGRES</c> (or the tests'
/// <c>CHATCOACH_TEST_POSTGRES</c>, which <c>scripts/test-postgres.sh</c> sets for a loopback cluster in a temp
/// directory), migrated by the real <see cref="PostgresDatabase"/>, seeded server-side with one INSERT … SELECT
/// over generate_series per table, dropped at the end.
/// </summary>
internal sealed class BenchmarkSchema : IDisposable
{
    private readonly string _server;

    public BenchmarkSchema(string prefix)
    {
        _server = Environment.GetEnvironmentVariable("CHATCOACH_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("CHATCOACH_TEST_POSTGRES") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("Set CHATCOACH_BENCH_POSTGRES, or run through scripts/test-postgres.sh (CHATCOACH_TEST_POSTGRES).");
        Name = prefix + Guid.NewGuid().ToString("N")[..12];
        Execute(_server, $"CREATE SCHEMA {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { SearchPath = Name, CommandTimeout = 0 }.ConnectionString;
        Database = new PostgresDatabase(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; }

    /// <summary>Runs one statement in the schema, printing how long it took (seeding is reported, not measured).</summary>
    public void Seed(string what, string sql)
    {
        var watch = Stopwatch.StartNew();
        Execute(ConnectionString, sql);
        Console.WriteLine($"// {Name}: {what} in {watch.Elapsed.TotalSeconds:F1} s");
    }

    public void Dispose()
    {
        Database.Dispose();
        Execute(_server, $"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// The scheduler's due claim over 100,000 subscriptions on PostgreSQL, in the same steady state as
/// <see cref="SchedulerBenchmarks"/> (LiteDB) at 13:37: ~70 due in a typical minute, 1,000 more at 13:40, every 50th
/// disabled. "Claim" is what a scheduler pass does on PostgreSQL: the due query, then one lease claim per due post
/// (<see cref="PostgresPostClaims"/>); each claim pass uses a fresh local date, so every claim is a real insert.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PostgresBenchmarkConfig))]
#pragma warning disable CA1001 // [GlobalCleanup] disposes the schema; BenchmarkDotNet owns the lifetime.
public class PostgresSchedulerBenchmarks
#pragma warning restore CA1001
{
    private const int Count = 100_000;
    private const int Typical = (13 * 60) + 37;
    private const int Busy = Typical + 3;
    private static readonly Instant Midnight = Instant.FromUtc(2026, 11, 24, 0, 0);

    private BenchmarkSchema _schema = null!;
    private PostgresSubscriptionStore _store = null!;
    private PostgresPostClaims _claims = null!;
    private LocalDate _claimDate = new(2026, 11, 24);

    [GlobalSetup]
    public void Setup()
    {
        _schema = new BenchmarkSchema("bench_due_");
        _store = new PostgresSubscriptionStore(_schema.Database);
        _claims = new PostgresPostClaims(_schema.Database);

        // Row i: minute 13:40 for the first 1,000, else i % 1440; minutes already past today are due tomorrow.
        _schema.Seed("100,000 subscriptions", $"""
            INSERT INTO subscriptions (id, platform, chat_id, local_minutes, created_by_platform, created_by_user_id, changed_at, enabled, next_local_date, next_due, direct)
            SELECT 'telegram|chat-' || i, 'telegram', 'chat-' || i, m.minute, 'telegram', 'u' || i, timestamptz '2026-11-23 00:00Z', i % 50 <> 0,
                   (timestamptz '2026-11-24 00:00Z' + make_interval(mins => m.due))::date,
                   CASE WHEN i % 50 <> 0 THEN timestamptz '2026-11-24 00:00Z' + make_interval(mins => m.due) END, false
            FROM generate_series(0, {Count - 1}) AS i,
                 LATERAL (SELECT CASE WHEN i < 1000 THEN {Busy} ELSE i % 1440 END AS minute) AS base,
                 LATERAL (SELECT base.minute, CASE WHEN base.minute < {Typical} THEN base.minute + 1440 ELSE base.minute END AS due) AS m;
            ANALYZE subscriptions;
            """);
    }

    [GlobalCleanup]
    public void Cleanup() => _schema.Dispose();

    /// <summary>A typical minute: the ~70 rows due at 13:37.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> DueQueryTypicalMinute() =>
        (await _store.FindDueAsync(Midnight + Duration.FromMinutes(Typical), 0, 500, CancellationToken.None)).Count;

    /// <summary>A busy minute: 1,000 + ~280 due at 13:40, one batch of 500.</summary>
    [Benchmark]
    public async Task<int> DueQueryBusyMinuteBatch() =>
        (await _store.FindDueAsync(Midnight + Duration.FromMinutes(Busy), 0, 500, CancellationToken.None)).Count;

    /// <summary>Nothing due: the index seek alone.</summary>
    [Benchmark]
    public async Task<int> DueQueryNothingDue() =>
        (await _store.FindDueAsync(Midnight + Duration.FromMinutes(Typical) - Duration.FromSeconds(1), 0, 500, CancellationToken.None)).Count;

    /// <summary>A typical minute's whole claim: the due query and a lease claim for each of its ~70 posts.</summary>
    [Benchmark]
    public async Task<int> ClaimTypicalMinute()
    {
        var now = Midnight + Duration.FromMinutes(Typical);
        var due = await _store.FindDueAsync(now, 0, 500, CancellationToken.None);
        _claimDate = _claimDate.PlusDays(1);
        var claimed = 0;
        foreach (var subscription in due)
        {
            claimed += await _claims.TryClaimAsync(subscription.Id, _claimDate, now, Duration.FromMinutes(10), CancellationToken.None) ? 1 : 0;
        }

        return claimed;
    }

    /// <summary>
    /// The same claim the way the scheduler makes it: the due query, then the lease claims
    /// <see cref="SchedulerOptions.MaxParallelSends"/> at a time (its default, 8), as <c>DailyPostRunner</c> claims each post
    /// in its parallel loop.
    /// </summary>
    [Benchmark]
    public async Task<int> ClaimTypicalMinuteInParallel()
    {
        var now = Midnight + Duration.FromMinutes(Typical);
        var due = await _store.FindDueAsync(now, 0, 500, CancellationToken.None);
        _claimDate = _claimDate.PlusDays(1);
        var date = _claimDate;
        var claimed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = new SchedulerOptions().MaxParallelSends };
        await Parallel.ForEachAsync(due, parallel, async (subscription, token) =>
        {
            if (await _claims.TryClaimAsync(subscription.Id, date, now, Duration.FromMinutes(10), token))
            {
                Interlocked.Increment(ref claimed);
            }
        });

        return claimed;
    }
}

/// <summary>
/// Done on PostgreSQL at 100,000 people × a year of history (~31 M completions, 85 % of days done), through the real
/// <see cref="StreakService"/> and the PostgreSQL stores: the completion insert, the streak summary and the activity
/// row. <see cref="Pressers"/> presses arrive at once (different people, the same day); a round's time is the slowest
/// press's wait. Size: <c>CHATCOACH_BENCH_PEOPLE</c> (default 100,000).
/// </summary>
[Config(typeof(PostgresBenchmarkConfig))]
#pragma warning disable CA1001 // [GlobalCleanup] disposes the schema; BenchmarkDotNet owns the lifetime.
public class PostgresDoneBenchmarks
#pragma warning restore CA1001
{
    private const string Platform = "telegram";
    private BenchmarkSchema _schema = null!;
    private DonePressRounds _rounds = null!;
    private int _people;

    [Params(1, 8, 32)]
    public int Pressers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _people = StreakStorageBenchmarks.People();
        _schema = new BenchmarkSchema("bench_done_");

        // The primary key is built once after the rows are in (a sorted build), not row by row.
        _schema.Seed($"{_people:N0} people × 2025 completions", $"""
            ALTER TABLE completions DROP CONSTRAINT completions_pkey;
            INSERT INTO completions (platform, user_id, local_date, chat_platform, chat_id, server_id, completed_at)
            SELECT '{Platform}', (1000000 + p)::text, d::date, '{Platform}', (-(p / 50) - 100)::text, NULL, d + interval '7 hours'
            FROM generate_series(0, {_people - 1}) AS p, generate_series(timestamptz '2025-01-01 00:00Z', timestamptz '2025-12-31 00:00Z', interval '1 day') AS d
            WHERE random() >= 0.15;
            ALTER TABLE completions ADD PRIMARY KEY (platform, user_id, local_date);
            INSERT INTO streak_summaries (platform, user_id, display_name, time_zone_id, last_date, run, longest, total, freezes)
            SELECT '{Platform}', (1000000 + p)::text, 'Runner ' || p, NULL, date '2025-12-31', 4, 21, 310, 0
            FROM generate_series(0, {_people - 1}) AS p;
            ANALYZE completions;
            ANALYZE streak_summaries;
            """);

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var database = _schema.Database;
        var service = new StreakService(
            new PostgresCompletionStore(database),
            new PostgresStreakSummaryStore(database),
            new PostgresStreakActivityStore(database),
            new PostgresPersonStore(database),
            time);
        _rounds = new DonePressRounds(service, time, _people);
    }

    [GlobalCleanup]
    public void Cleanup() => _schema.Dispose();

    [Benchmark(Description = "Done presses at once")]
    public Task<int> PressAtOnce() => _rounds.PressAsync(Pressers);
}

/// <summary>A short in-process job (no second build): median and p90 beside the mean.</summary>
public sealed class PostgresBenchmarkConfig : ManualConfig
{
    public PostgresBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessNoEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(15)
            .WithInvocationCount(4)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median, StatisticColumn.P90);
    }
}

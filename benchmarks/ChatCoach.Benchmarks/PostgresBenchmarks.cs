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

    /// <summary>The first column of the first row of a query in the schema, as text.</summary>
    public string Describe(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return command.ExecuteScalar()?.ToString() ?? "";
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
/// <see cref="StreakService"/> and the PostgreSQL stores: profile, activity row, completion insert and streak summary.
/// <see cref="Pressers"/> presses arrive at once (different people, the same day); a round's time is the slowest
/// press's wait. <see cref="Together"/>: those writes in the completion's one transaction (<see cref="IDonePressStore"/>),
/// or each its own commit as before. The schema is seeded once per process and shared by every case (seeding 31 M rows
/// takes minutes), the presses going on from person to person and day to day. Size: <c>CHATCOACH_BENCH_PEOPLE</c>
/// (default 100,000).
/// </summary>
[Config(typeof(PostgresBenchmarkConfig))]
public class PostgresDoneBenchmarks
{
    private const string Platform = "telegram";
    private static readonly Lazy<Seeded> Shared = new(Seed);

    [Params(1, 8, 32)]
    public int Pressers { get; set; }

    [Params(false, true)]
    public bool Together { get; set; }

#pragma warning disable CA1822 // BenchmarkDotNet calls setups on the instance.
    [GlobalSetup]
    public void Setup() => _ = Shared.Value;
#pragma warning restore CA1822

    [Benchmark(Description = "Done presses at once")]
    public Task<int> PressAtOnce() => (Together ? Shared.Value.Together : Shared.Value.Apart).PressAsync(Pressers);

    private static Seeded Seed()
    {
        var people = StreakStorageBenchmarks.People();
        var schema = new BenchmarkSchema("bench_done_");

        // Dropped when the process ends: BenchmarkDotNet runs every case in this one process (in-process toolchain).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => schema.Dispose();

        // The primary key is built once after the rows are in (a sorted build), not row by row.
        schema.Seed($"{people:N0} people × 2025 completions", $"""
            ALTER TABLE completions DROP CONSTRAINT completions_pkey;
            INSERT INTO completions (platform, user_id, local_date, chat_platform, chat_id, server_id, completed_at)
            SELECT '{Platform}', (1000000 + p)::text, d::date, '{Platform}', (-(p / 50) - 100)::text, NULL, d + interval '7 hours'
            FROM generate_series(0, {people - 1}) AS p, generate_series(timestamptz '2025-01-01 00:00Z', timestamptz '2025-12-31 00:00Z', interval '1 day') AS d
            WHERE random() >= 0.15;
            ALTER TABLE completions ADD PRIMARY KEY (platform, user_id, local_date);
            INSERT INTO streak_summaries (platform, user_id, display_name, time_zone_id, last_date, run, longest, total, freezes)
            SELECT '{Platform}', (1000000 + p)::text, 'Runner ' || p, NULL, date '2025-12-31', 4, 21, 310, 0
            FROM generate_series(0, {people - 1}) AS p;
            ANALYZE completions;
            ANALYZE streak_summaries;
            """);
        Console.WriteLine($"// {schema.Name}: " + schema.Describe($"""
            SELECT string_agg(c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)) || ' with indexes (' || c.reltuples::bigint || ' rows)', ', ')
            FROM pg_class c WHERE c.relnamespace = '{schema.Name}'::regnamespace AND c.relname IN ('completions', 'streak_summaries')
            """));

        // Both variants over the same rows and days, each its own people: Together presses from the middle on.
        var database = schema.Database;
        var summaries = new PostgresStreakSummaryStore(database);
        var activity = new PostgresStreakActivityStore(database);
        var persons = new PostgresPersonStore(database);
        var apartTime = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var togetherTime = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var apart = new StreakService(new ApartCompletionStore(new PostgresCompletionStore(database)), summaries, activity, persons, apartTime);
        var together = new StreakService(new PostgresCompletionStore(database), summaries, activity, persons, togetherTime);
        return new Seeded(new DonePressRounds(apart, apartTime, people), new DonePressRounds(together, togetherTime, people, first: people / 2));
    }

    private sealed record Seeded(DonePressRounds Apart, DonePressRounds Together);

    /// <summary>The store without its <see cref="IDonePressStore"/> face: every write of a press its own commit.</summary>
    private sealed class ApartCompletionStore(ICompletionStore inner) : ICompletionStore
    {
        public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, CancellationToken cancellationToken) => inner.TryAddAsync(completion, summary, cancellationToken);

        public Task<IReadOnlyList<LocalDate>> GetDatesAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken) => inner.GetDatesAsync(person, first, last, cancellationToken);

        public Task<IReadOnlyList<LocalDate>> GetAllDatesAsync(PersonKey person, CancellationToken cancellationToken) => inner.GetAllDatesAsync(person, cancellationToken);
    }
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

using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Recording a completion and reading a streak (plus a chat leaderboard) against a LiteDB file of many people with a
/// year of history each. The file is generated once with InsertBulk into a fixed temp path and reused while its
/// "complete" marker is present; generation time and file size are printed and kept beside it in <c>.info.txt</c>.
/// Size: <c>CHATCOACH_BENCH_PEOPLE</c> (default 100,000).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[MedianColumn]
public class StreakStorageBenchmarks
{
    internal const string Platform = "telegram";
    private const int PeoplePerChat = 50;
    private const double MissRate = 0.15;
    private const string MarkerKey = "bench:complete";
    internal const string TodayKey = "bench:today";

    private static readonly LocalDate HistoryStart = new(2025, 1, 1);

    private ChatCoachDatabase _database = null!;
    private StreakService _service = null!;
    private FakeTimeProvider _time = null!;
    private LiteDbAdapterStateStore _state = null!;
    private int _people;
    private int _nextWriter;
    private Random _random = null!;

    [GlobalSetup]
    public void Setup()
    {
        _people = People();
        var path = FilePath(_people);
        _database = OpenOrGenerate(path, _people);
        _state = new LiteDbAdapterStateStore(_database);

        (_service, _time) = ServiceOnFreshDay(_database, _state);
        var today = Today(_time);
        _random = new Random(42);
        Console.WriteLine($"// streak benchmark file: {path}, {new FileInfo(path).Length / (1024.0 * 1024):F0} MiB, {_database.Database.GetCollection("completions").LongCount():N0} completions, today {today}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Leave "today" after every day used, so the next run starts on fresh days again.
        var next = Today(_time).PlusDays(1);
        _state.SetAsync(TodayKey, next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CancellationToken.None).GetAwaiter().GetResult();
        _database.Database.Checkpoint();
        _database.Dispose();
    }

    [Benchmark(Description = "Record a completion (Done)")]
    public async Task<bool> RecordCompletion()
    {
        var person = _nextWriter++ % _people;
        if (person == _people - 1)
        {
            _time.Advance(TimeSpan.FromDays(1)); // everyone has done today: move to the next day
        }

        var outcome = await _service.RecordDoneAsync(Message(person), CancellationToken.None);
        return outcome.Counted;
    }

    [Benchmark(Description = "Read a streak (/streak)")]
    public async Task<int> ReadStreak()
    {
        var view = await _service.GetAsync(new PersonKey(Platform, UserId(_random.Next(_people))), CancellationToken.None);
        return view.Standing.Current;
    }

    [Benchmark(Description = "Leaderboard of a 50-person chat")]
    public async Task<int> Leaderboard()
    {
        var chat = new ChatAddress(Platform, ChatId(_random.Next(_people)));
        return (await _service.GetLeaderboardAsync(chat, CancellationToken.None)).Count;
    }

    /// <summary>
    /// The real streak service over the file, its clock at noon of the first day after the history and after every
    /// earlier run, so each Done is a real insert.
    /// </summary>
    internal static (StreakService Service, FakeTimeProvider Time) ServiceOnFreshDay(ChatCoachDatabase database, LiteDbAdapterStateStore state)
    {
        var today = LocalDate.FromDateTime(DateTime.Parse(
            state.GetAsync(TodayKey, CancellationToken.None).GetAwaiter().GetResult()!, CultureInfo.InvariantCulture));
        var time = new FakeTimeProvider(new DateTimeOffset(today.ToDateTimeUnspecified().AddHours(12), TimeSpan.Zero));
        var service = new StreakService(
            new LiteDbCompletionStore(database),
            new LiteDbStreakSummaryStore(database),
            new LiteDbStreakActivityStore(database),
            new LiteDbPersonStore(database),
            time);
        return (service, time);
    }

    /// <summary>How many people the file holds: <c>CHATCOACH_BENCH_PEOPLE</c>, default 100,000.</summary>
    internal static int People() =>
        int.TryParse(Environment.GetEnvironmentVariable("CHATCOACH_BENCH_PEOPLE"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;

    /// <summary>The generated file's fixed path, reused across runs and benchmark classes.</summary>
    internal static string FilePath(int people)
    {
        var directory = Path.Combine(Path.GetTempPath(), "chatcoach-bench");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"streaks-{people}.db");
    }

    private static LocalDate Today(TimeProvider time) => PersonClock.TodayIn(time, DateTimeZone.Utc);

    internal static string UserId(int person) => (1_000_000 + person).ToString(CultureInfo.InvariantCulture);

    internal static string ChatId(int person) => (-(person / PeoplePerChat) - 100).ToString(CultureInfo.InvariantCulture);

    /// <summary>Person <paramref name="person"/> pressing Done in their 50-person group.</summary>
    internal static InboundMessage Message(int person) =>
        new(Platform, ChatId(person), UserId(person), $"Runner {person}", IsDirect: false, IsAdmin: false, Text: null, Action: "done");

    internal static ChatCoachDatabase OpenOrGenerate(string path, int people)
    {
        var database = new ChatCoachDatabase(path);
        var state = new LiteDbAdapterStateStore(database);
        if (state.GetAsync(MarkerKey, CancellationToken.None).GetAwaiter().GetResult() is { } info)
        {
            Console.WriteLine($"// reusing {path}: {info}");
            return database;
        }

        database.Dispose();
        foreach (var stale in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "*"))
        {
            File.Delete(stale);
        }

        database = new ChatCoachDatabase(path);
        state = new LiteDbAdapterStateStore(database);
        var watch = Stopwatch.StartNew();
        var completions = Generate(database, people, out var historyEnd);
        database.Database.Checkpoint();
        watch.Stop();

        var summary = $"{people:N0} people, {completions:N0} completions ({HistoryStart:yyyy-MM-dd}..{historyEnd:yyyy-MM-dd}), generated in {watch.Elapsed.TotalMinutes:F1} min, {new FileInfo(path).Length / (1024.0 * 1024):F0} MiB";
        Console.WriteLine($"// generated {path}: {summary}");
        File.WriteAllText(path + ".info.txt", summary + Environment.NewLine);
        state.SetAsync(TodayKey, historyEnd.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CancellationToken.None).GetAwaiter().GetResult();
        state.SetAsync(MarkerKey, summary, CancellationToken.None).GetAwaiter().GetResult();
        database.Database.Checkpoint();
        return database;
    }

    private static long Generate(ChatCoachDatabase database, int people, out LocalDate historyEnd)
    {
        var end = HistoryStart.PlusDays(364);
        historyEnd = end;

        // Create the collections and their indexes through the real stores first.
        _ = new LiteDbCompletionStore(database);
        _ = new LiteDbStreakActivityStore(database);
        _ = new LiteDbStreakSummaryStore(database);
        _ = new LiteDbPersonStore(database);

        var random = new Random(7);
        var summaries = new List<LiteDbStreakSummaryStore.SummaryRow>(people);
        long count = 0;

        IEnumerable<LiteDbCompletionStore.CompletionRow> Rows()
        {
            for (var person = 0; person < people; person++)
            {
                var key = new PersonKey(Platform, UserId(person));
                var chat = new ChatAddress(Platform, ChatId(person));
                var dates = new List<LocalDate>(365);
                for (var date = HistoryStart; date <= end; date = date.PlusDays(1))
                {
                    if (random.NextDouble() < MissRate)
                    {
                        continue;
                    }

                    dates.Add(date);
                    count++;
                    yield return LiteDbCompletionStore.ToRow(new Completion(key, date, chat, date.AtMidnight().InUtc().ToInstant().Plus(Duration.FromHours(7))));
                }

                var state = StreakRules.Fold(dates);
                summaries.Add(LiteDbStreakSummaryStore.ToRow(new StreakSummary(key, $"Runner {person}", null, state)));
                if (person % 10_000 == 0)
                {
                    Console.WriteLine($"// generating: {person:N0} people, {count:N0} completions");
                }
            }
        }

        var completions = database.Database.GetCollection<LiteDbCompletionStore.CompletionRow>(LiteDbCompletionStore.CollectionName);
        completions.InsertBulk(Rows(), batchSize: 20_000);

        database.Database.GetCollection<LiteDbStreakSummaryStore.SummaryRow>(LiteDbStreakSummaryStore.CollectionName).InsertBulk(summaries);
        database.Database.GetCollection<LiteDbPersonStore.PersonRow>(LiteDbPersonStore.CollectionName).InsertBulk(
            Enumerable.Range(0, people).Select(p => new LiteDbPersonStore.PersonRow
            {
                Id = StorageKeys.Person(new PersonKey(Platform, UserId(p))),
                Platform = Platform,
                UserId = UserId(p),
                DisplayName = $"Runner {p}",
            }));
        database.Database.GetCollection<LiteDbStreakActivityStore.ActivityRow>(LiteDbStreakActivityStore.CollectionName).InsertBulk(
            Enumerable.Range(0, people).Select(p =>
            {
                var person = new PersonKey(Platform, UserId(p));
                var scope = StorageKeys.ChatScope(new ChatAddress(Platform, ChatId(p)));
                return new LiteDbStreakActivityStore.ActivityRow { Id = StorageKeys.Activity(scope, person), Scope = scope, Person = StorageKeys.Person(person) };
            }));
        return count;
    }
}

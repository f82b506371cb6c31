using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Benchmarks;

/// <summary>
/// <c>-- done-probe [presses]</c>: where a lone Done press spends its time. Presses one at a time through the real
/// <see cref="StreakService"/> over the <see cref="StreakStorageBenchmarks"/> file (<c>CHATCOACH_BENCH_PEOPLE</c>, or a
/// fresh empty file with <c>CHATCOACH_BENCH_FRESH=1</c>), every store call timed and counted by a proxy, and each press
/// marked when LiteDB checkpointed its log into the data file during it (the -log file shrank).
/// </summary>
internal static class DoneProbe
{
    public static int Run(string[] args)
    {
        var presses = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
        var fresh = Environment.GetEnvironmentVariable("CHATCOACH_BENCH_FRESH") == "1";
        var people = fresh ? presses : StreakStorageBenchmarks.People();
        string? folder = null;
        ChatCoachDatabase database;
        if (fresh)
        {
            folder = Directory.CreateTempSubdirectory("chatcoach-probe-").FullName;
            database = new ChatCoachDatabase(Path.Combine(folder, "fresh.db"));
            new LiteDbAdapterStateStore(database).SetAsync(StreakStorageBenchmarks.TodayKey, "2026-03-10", CancellationToken.None).GetAwaiter().GetResult();
        }
        else
        {
            database = StreakStorageBenchmarks.OpenOrGenerate(StreakStorageBenchmarks.FilePath(people), people);
        }

        var state = new LiteDbAdapterStateStore(database);
        var log = Path.Combine(Path.GetDirectoryName(database.FilePath)!, Path.GetFileNameWithoutExtension(database.FilePath) + "-log" + Path.GetExtension(database.FilePath));
        var (plain, time) = StreakStorageBenchmarks.ServiceOnFreshDay(database, state);
        _ = plain;
        var calls = new ConcurrentDictionary<string, List<double>>();
        var service = new StreakService(
            Environment.GetEnvironmentVariable("CHATCOACH_PROBE_APART") == "1"
                ? TimingProxy<ICompletionStore>.Wrap(new LiteDbCompletionStore(database), calls) // every write its own commit
                : TimingProxy<IDoneCompletionStore>.Wrap(new DoneCompletionStore(new LiteDbCompletionStore(database)), calls),
            TimingProxy<IStreakSummaryStore>.Wrap(new LiteDbStreakSummaryStore(database), calls),
            TimingProxy<IStreakActivityStore>.Wrap(new LiteDbStreakActivityStore(database), calls),
            TimingProxy<IPersonStore>.Wrap(new LiteDbPersonStore(database), calls),
            time);

        Console.WriteLine($"// file {database.FilePath}: {new FileInfo(database.FilePath).Length / (1024.0 * 1024):F0} MiB, load {File.ReadAllText("/proc/loadavg").Trim()}");
        var totals = new List<double>();
        var withCheckpoint = new List<double>();
        var next = 0;
        for (var i = 0; i < presses; i++)
        {
            if (next == people)
            {
                next = 0;
                time.Advance(TimeSpan.FromDays(1));
            }

            var message = StreakStorageBenchmarks.Message(next++);
            var logBefore = File.Exists(log) ? new FileInfo(log).Length : 0;
            var watch = Stopwatch.StartNew();
            _ = service.RecordDoneAsync(message, CancellationToken.None).GetAwaiter().GetResult();
            var ms = watch.Elapsed.TotalMilliseconds;
            var logAfter = File.Exists(log) ? new FileInfo(log).Length : 0;
            (logAfter < logBefore ? withCheckpoint : totals).Add(ms);
        }

        Console.WriteLine($"// {presses} lone presses: without a checkpoint {Stats(totals)}; with one ({withCheckpoint.Count}) {Stats(withCheckpoint)}; all {Stats([.. totals, .. withCheckpoint])}");
        foreach (var (name, times) in calls.OrderByDescending(c => c.Value.Sum()))
        {
            Console.WriteLine($"//   {name,-44} {times.Count / (double)presses,5:F2} per press, {Stats(times)}, {times.Sum() / presses:F3} ms a press in all");
        }

        // The next run starts on a day after every day used here.
        state.SetAsync(StreakStorageBenchmarks.TodayKey, NodaTime.LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime).PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CancellationToken.None).GetAwaiter().GetResult();
        database.Dispose();
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static string Stats(List<double> values)
    {
        if (values.Count == 0)
        {
            return "none";
        }

        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        return FormattableString.Invariant($"median {At(0.5):F3} ms, p90 {At(0.9):F3}, max {sorted[^1]:F3}");
    }
}

/// <summary>Times every call of an interface until its task completes (the LiteDB stores answer synchronously but for Done's insert).</summary>
#pragma warning disable CA1852 // DispatchProxy needs a non-sealed proxy type.
internal class TimingProxy<T> : DispatchProxy, IUnwrap
#pragma warning restore CA1852
    where T : class
{
    public object Inner => _inner;

    private T _inner = null!;
    private ConcurrentDictionary<string, List<double>> _calls = null!;

    public static T Wrap(T inner, ConcurrentDictionary<string, List<double>> calls)
    {
        var proxy = Create<T, TimingProxy<T>>();
        var timing = (TimingProxy<T>)(object)proxy;
        timing._inner = inner;
        timing._calls = calls;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var name = $"{targetMethod.DeclaringType?.Name}.{targetMethod.Name}({targetMethod.GetParameters().Length})";
        var watch = Stopwatch.StartNew();
        // Stores compare the stores they are given (IDonePressStore.Covers): they see the real ones.
        var unwrapped = args?.Select(a => a is IUnwrap proxy ? proxy.Inner : a).ToArray();
        var result = targetMethod.Invoke(_inner, unwrapped);
        if (result is Task task)
        {
            task.ContinueWith(_ => Record(name, watch.Elapsed.TotalMilliseconds), TaskContinuationOptions.ExecuteSynchronously).GetAwaiter().GetResult();
        }
        else
        {
            Record(name, watch.Elapsed.TotalMilliseconds);
        }

        return result;
    }

    private void Record(string name, double ms)
    {
        var list = _calls.GetOrAdd(name, _ => []);
        lock (list)
        {
            list.Add(ms);
        }
    }
}

internal interface IUnwrap
{
    object Inner { get; }
}

/// <summary>Both faces of the LiteDB completion store behind one interface, so that one proxy times both.</summary>
internal interface IDoneCompletionStore : ICompletionStore, IDonePressStore;

internal sealed class DoneCompletionStore(LiteDbCompletionStore inner) : IDoneCompletionStore
{
    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, CancellationToken cancellationToken) => inner.TryAddAsync(completion, summary, cancellationToken);

    public Task<IReadOnlyList<NodaTime.LocalDate>> GetDatesAsync(Core.Conversation.PersonKey person, NodaTime.LocalDate first, NodaTime.LocalDate last, CancellationToken cancellationToken) => inner.GetDatesAsync(person, first, last, cancellationToken);

    public Task<IReadOnlyList<NodaTime.LocalDate>> GetAllDatesAsync(Core.Conversation.PersonKey person, CancellationToken cancellationToken) => inner.GetAllDatesAsync(person, cancellationToken);

    public bool Covers(IPersonStore people, IStreakActivityStore activity) => inner.Covers(people, activity);

    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, DonePressWrites writes, CancellationToken cancellationToken) => inner.TryAddAsync(completion, summary, writes, cancellationToken);
}

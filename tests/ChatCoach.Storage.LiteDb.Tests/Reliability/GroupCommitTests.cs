using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit.Abstractions;

namespace ChatCoach.Storage.LiteDb.Tests.Reliability;

/// <summary>
/// Done presses sharing LiteDB transactions (<see cref="CompletionGroupCommit"/>), on a real file. The window runs on
/// fake time, so which presses share a commit is decided by the test, not by the machine's speed.
/// </summary>
public sealed class GroupCommitTests(ITestOutputHelper output) : IDisposable
{
    private static readonly ChatAddress Chat = new("telegram", "-100");
    private static readonly LocalDate Day = new(2026, 3, 10);
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("chatcoach-group-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private bool _mounted;

    public void Dispose()
    {
        // As in DiskFullTests: an engine LiteDB closed after a failed write must not be finalised on the test host.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (_mounted)
        {
            Tmpfs.Unmount(_folder);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TryAdd_PressesAcrossPeopleWithinTheWindow_ShareBoundedCommitsAndAllLand()
    {
        var path = Path.Combine(_folder, "chatcoach.db");
        using (var database = new ChatCoachDatabase(path))
        {
            var store = new LiteDbCompletionStore(database, _time, Window, maxBatch: 8);
            var people = Enumerable.Range(0, 20).Select(Person).ToList();

            var presses = people.Select(p => store.TryAddAsync(Done(p), Summary(p, "n"), CancellationToken.None)).ToList();

            // Nothing is answered before its commit: all 20 wait for the window.
            Assert.All(presses, p => Assert.False(p.IsCompleted));
            Assert.Equal(20, store.GroupCommit.Pending);
            _time.Advance(Window);
            var results = await Task.WhenAll(presses).WaitAsync(SafetyNet);

            Assert.All(results, Assert.True);
            Assert.Equal(3, store.GroupCommit.Commits); // 8 + 8 + 4: the batch is bounded
        }

        using var reopened = new ChatCoachDatabase(path);
        Assert.Equal(20, reopened.Database.GetCollection(LiteDbCompletionStore.CollectionName).Count());
        Assert.Equal(20, reopened.Database.GetCollection(LiteDbStreakSummaryStore.CollectionName).Count());
    }

    [Fact]
    public async Task TryAdd_DuplicateInsideOneBatchAndOneStoredBefore_EachDayCountsOnceWithTheFirstSummary()
    {
        using var database = new ChatCoachDatabase(Path.Combine(_folder, "chatcoach.db"));
        var store = new LiteDbCompletionStore(database, _time, Window, maxBatch: 64);
        var summaries = new LiteDbStreakSummaryStore(database);
        var ann = Person(1);
        var bob = Person(2);
        var stored = store.TryAddAsync(Done(bob), Summary(bob, "bob-first"), CancellationToken.None);
        _time.Advance(Window);
        Assert.True(await stored.WaitAsync(SafetyNet));

        var presses = new[]
        {
            store.TryAddAsync(Done(ann), Summary(ann, "ann-first"), CancellationToken.None),
            store.TryAddAsync(Done(ann) with { Chat = new ChatAddress("discord", "9", "5") }, Summary(ann, "ann-second"), CancellationToken.None),
            store.TryAddAsync(Done(bob), Summary(bob, "bob-again"), CancellationToken.None),
            store.TryAddAsync(Done(ann), Summary(ann, "ann-third"), CancellationToken.None),
        };
        _time.Advance(Window);
        var results = await Task.WhenAll(presses).WaitAsync(SafetyNet);

        Assert.Equal([true, false, false, false], results);
        Assert.Equal(2, store.GroupCommit.Commits);
        Assert.Equal([Day], await store.GetAllDatesAsync(ann, CancellationToken.None));
        Assert.Equal(Chat, Assert.Single(await store.GetAllAsync(ann, CancellationToken.None)).Chat);
        Assert.Equal("ann-first", (await summaries.FindAsync(ann, CancellationToken.None))!.DisplayName);
        Assert.Equal("bob-first", (await summaries.FindAsync(bob, CancellationToken.None))!.DisplayName);
    }

    [Fact]
    public async Task TryAdd_NoWindowManyThreads_EveryPressLandsOnceInFewerCommitsThanPresses()
    {
        using var database = new ChatCoachDatabase(Path.Combine(_folder, "chatcoach.db"));
        var store = new LiteDbCompletionStore(database);
        var people = Enumerable.Range(0, 200).Select(Person).ToList();

        // Each person presses twice, from 400 pool threads: presses that arrive during a flush join the next commit.
        var results = await Task.WhenAll(people.Concat(people).Select(p => Task.Run(() => store.TryAddAsync(Done(p), Summary(p, "n"), CancellationToken.None)))).WaitAsync(SafetyNet);

        Assert.Equal(200, results.Count(r => r));
        Assert.Equal(200, database.Database.GetCollection(LiteDbCompletionStore.CollectionName).Count());
        Assert.InRange(store.GroupCommit.Commits, 1, 400);
        output.WriteLine($"400 presses in {store.GroupCommit.Commits} commits");
    }

    [Fact]
    public async Task TryAdd_AcknowledgedThenProcessDies_EveryAcknowledgedPressIsInTheFileOnDisk()
    {
        var path = Path.Combine(_folder, "chatcoach.db");
        var database = new ChatCoachDatabase(path);
        var store = new LiteDbCompletionStore(database, _time, Window, maxBatch: 16);
        var people = Enumerable.Range(0, 40).Select(Person).ToList();
        var presses = people.Select(p => store.TryAddAsync(Done(p), Summary(p, "n"), CancellationToken.None)).ToList();
        _time.Advance(Window);
        Assert.All(await Task.WhenAll(presses).WaitAsync(SafetyNet), Assert.True);

        // A crash right after the acknowledgements: the database is never disposed, no checkpoint runs, and only what
        // is in the data file and its log at this moment survives. Those bytes are copied and opened as the restart would.
        var crashed = Path.Combine(_folder, "after-crash");
        Directory.CreateDirectory(crashed);
        foreach (var file in new[] { path, Path.Combine(_folder, "chatcoach-log.db") }.Where(File.Exists))
        {
            using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = File.Create(Path.Combine(crashed, Path.GetFileName(file)));
            source.CopyTo(copy);
        }

        Assert.True(File.Exists(Path.Combine(crashed, "chatcoach-log.db")), "the acknowledged presses are in LiteDB's log, not yet checkpointed");
        using (var restarted = new ChatCoachDatabase(Path.Combine(crashed, "chatcoach.db")))
        {
            var restartedStore = new LiteDbCompletionStore(restarted);
            foreach (var person in people)
            {
                Assert.Equal([Day], await restartedStore.GetAllDatesAsync(person, CancellationToken.None));
            }
        }

        database.Dispose();
    }

    [Fact]
    public async Task TryAdd_DiskFullDuringASharedCommit_FailsExactlyThatBatchAndLeavesTheFileReopenable()
    {
        if (!TryMount("16m", out var why))
        {
            output.WriteLine($"SKIPPED: cannot mount a tmpfs for the disk-full test ({why})");
            return;
        }

        var path = Path.Combine(_folder, "chatcoach.db");
        var database = new ChatCoachDatabase(path);
        var store = new LiteDbCompletionStore(database, _time, Window, maxBatch: 64);
        var first = store.TryAddAsync(Done(Person(0)), Summary(Person(0), "n"), CancellationToken.None);
        _time.Advance(Window);
        Assert.True(await first.WaitAsync(SafetyNet));
        await Tmpfs.FillAsync(Path.Combine(_folder, "filler"));

        // Batches of 32 wide presses until one can't find room (a page or two may still fit in LiteDB's log).
        var acknowledged = new List<PersonKey> { Person(0) };
        List<PersonKey>? failedBatch = null;
        for (var round = 0; round < 20 && failedBatch is null; round++)
        {
            var people = Enumerable.Range(1 + (round * 32), 32).Select(Person).ToList();
            var presses = people.Select(p => store.TryAddAsync(Done(p, wide: true), Summary(p, new string('n', 200)), CancellationToken.None)).ToList();
            _time.Advance(Window);
            await Task.WhenAll(presses.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(SafetyNet);
            if (presses.All(p => p.IsCompletedSuccessfully))
            {
                acknowledged.AddRange(people);
                continue;
            }

            // One shared commit: every press of the batch failed with the user-facing full-disk error, none succeeded.
            Assert.All(presses, p => Assert.IsType<StorageFullException>(p.Exception?.InnerException));
            failedBatch = people;
        }

        Assert.NotNull(failedBatch);
        File.Delete(Path.Combine(_folder, "filler"));
        var after = store.TryAddAsync(Done(Person(9999)), Summary(Person(9999), "n"), CancellationToken.None);
        _time.Advance(Window);
        Assert.True(await after.WaitAsync(SafetyNet));
        acknowledged.Add(Person(9999));
        database.Dispose();

        using var reopened = new ChatCoachDatabase(path);
        var ids = reopened.Database.GetCollection(LiteDbCompletionStore.CollectionName).FindAll().Select(d => d["Person"].AsString).ToHashSet();
        Assert.Equal(acknowledged.Select(p => $"{p.Platform}|{p.UserId}").ToHashSet(), ids);
        Assert.DoesNotContain(failedBatch, p => ids.Contains($"{p.Platform}|{p.UserId}"));
        Assert.Equal(ids.Count, reopened.Database.GetCollection(LiteDbStreakSummaryStore.CollectionName).Count());
    }

    private static PersonKey Person(int i) => new("telegram", $"p{i}");

    private static Completion Done(PersonKey person, bool wide = false) =>
        new(person, Day, wide ? Chat with { ChatId = new string('c', 400) } : Chat, Instant.FromUtc(2026, 3, 10, 12, 0));

    private static StreakSummary Summary(PersonKey person, string name) => new(person, name, null, StreakRules.Fold([Day]));

    private bool TryMount(string size, out string why)
    {
        _mounted = Tmpfs.TryMount(_folder, size, out why);
        return _mounted;
    }
}

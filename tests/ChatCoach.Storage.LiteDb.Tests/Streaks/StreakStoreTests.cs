using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb.Tests.Fakes;
using ChatCoach.Testing;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests.Streaks;

public sealed class StreakStoreTests : IDisposable
{
    private static readonly ChatAddress Chat = new("telegram", "-100200");
    private static readonly PersonKey Ann = new("telegram", "1");
    private static readonly PersonKey Other = new("telegram", "12");
    private readonly StreakHarness _harness = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _harness.Dispose();

    private static Completion Done(PersonKey person, LocalDate date) => new(person, date, Chat, Instant.FromUtc(2026, 3, 10, 12, 0));

    private static StreakSummary Summary(PersonKey person, string name, params LocalDate[] dates) => new(person, name, null, StreakRules.Fold(dates));

    private Task<bool> AddAsync(PersonKey person, LocalDate date) =>
        _harness.Completions.TryAddAsync(Done(person, date), Summary(person, "x", date), CancellationToken.None);

    [Fact]
    public async Task TryAdd_SameDayTwice_StoresOnceAndKeepsFirstSummary()
    {
        var day = new LocalDate(2026, 3, 10);

        Assert.True(await _harness.Completions.TryAddAsync(Done(Ann, day), Summary(Ann, "first", day), CancellationToken.None));
        Assert.False(await _harness.Completions.TryAddAsync(
            Done(Ann, day) with { Chat = new ChatAddress("telegram", "other") }, Summary(Ann, "second", day, day.PlusDays(-1)), CancellationToken.None));

        Assert.Equal([day], await _harness.Completions.GetAllDatesAsync(Ann, CancellationToken.None));
        var summary = await _harness.Summaries.FindAsync(Ann, CancellationToken.None);
        Assert.Equal("first", summary!.DisplayName); // the failed insert rolled its summary back
        Assert.Equal(1, summary.State.Total);
    }

    [Fact]
    public async Task TryAdd_AfterRollback_NextWriteStillCommits()
    {
        var day = new LocalDate(2026, 3, 10);
        await AddAsync(Ann, day);
        await AddAsync(Ann, day);

        Assert.True(await AddAsync(Other, day));
        _harness.Reopen();

        Assert.Single(await _harness.Completions.GetAllDatesAsync(Other, CancellationToken.None));
    }

    [Fact]
    public async Task GetDates_Range_OnlyThatPersonAndThoseDays()
    {
        var start = new LocalDate(2026, 3, 1);
        for (var i = 0; i < 10; i++)
        {
            await AddAsync(Ann, start.PlusDays(i));
            await AddAsync(Other, start.PlusDays(i));
        }

        var dates = await _harness.Completions.GetDatesAsync(Ann, start.PlusDays(3), start.PlusDays(5), CancellationToken.None);

        Assert.Equal([start.PlusDays(3), start.PlusDays(4), start.PlusDays(5)], dates);
        Assert.Equal(10, (await _harness.Completions.GetDatesAsync(Ann, start.PlusDays(-30), start.PlusDays(30), CancellationToken.None)).Count);
        Assert.Empty(await _harness.Completions.GetDatesAsync(Ann, start.PlusDays(5), start.PlusDays(3), CancellationToken.None));
        Assert.Equal(10, (await _harness.Completions.GetAllDatesAsync(Other, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task People_SaveAndReopen_KeepsNameAndZone()
    {
        await _harness.People.SaveAsync(new PersonProfile(Ann, "Ann", "Europe/Berlin"), CancellationToken.None);
        await _harness.People.SaveAsync(new PersonProfile(Ann, "Ann B.", "Europe/Berlin"), CancellationToken.None);

        _harness.Reopen();

        Assert.Equal(new PersonProfile(Ann, "Ann B.", "Europe/Berlin"), await _harness.People.FindAsync(Ann, CancellationToken.None));
        Assert.Null(await _harness.People.FindAsync(Other, CancellationToken.None));
    }

    [Fact]
    public async Task Summary_RoundTrip_KeepsState()
    {
        var state = new StreakState(new LocalDate(2026, 3, 9), 9, 12, 40, 1, [new LocalDate(2026, 3, 5)]);
        await _harness.Summaries.SaveAsync(new StreakSummary(Ann, "Ann", "Asia/Tokyo", state), CancellationToken.None);

        _harness.Reopen();
        var found = await _harness.Summaries.FindAsync(Ann, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("Ann", found.DisplayName);
        Assert.Equal("Asia/Tokyo", found.TimeZoneId);
        Assert.Equal(state with { FrozenDates = [] }, found.State with { FrozenDates = [] });
        Assert.Equal(state.FrozenDates, found.State.FrozenDates);
        Assert.Single(await _harness.Summaries.FindManyAsync([Ann, Other], CancellationToken.None));
    }

    [Fact]
    public void Collections_HaveIndexesForEveryLookup()
    {
        _ = new LiteDbStreakActivityStore(_harness.Database);
        var indexes = _harness.Database.Database.GetCollection("$indexes").FindAll()
            .Select(d => $"{d["collection"].AsString}.{d["name"].AsString}")
            .ToHashSet();

        Assert.Contains("completions.Person", indexes);
        Assert.Contains("streak_activity.Scope", indexes);
    }

    [Fact]
    public async Task RecordDone_FiftyParallelPresses_OneCompletionAndCorrectCounts()
    {
        // Yesterday is already done, so the right answer for every press is "day 2".
        await AddAsync(Ann, new LocalDate(2026, 3, 9));
        var press = Messages.TelegramDoneButton("1", "Ann");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _harness.Streaks.RecordDoneAsync(press, CancellationToken.None))));

        Assert.Equal(1, outcomes.Count(o => o.Counted));
        Assert.All(outcomes, o => Assert.Equal(2, o.Standing.Current));
        Assert.Equal(2, (await _harness.Completions.GetAllDatesAsync(Ann, CancellationToken.None)).Count);
        Assert.Equal(2, (await _harness.Summaries.FindAsync(Ann, CancellationToken.None))!.State.Total);
        Assert.Equal(2, _harness.Database.Database.GetCollection("completions").Count());
    }

    [Fact]
    public async Task RecordDone_FiftyParallelPressesAcrossTwoServices_OneCompletion()
    {
        // Two services over one database: the store's unique key, not the in-process lock, keeps the day single.
        var second = new StreakService(
            new LiteDbCompletionStore(_harness.Database),
            new LiteDbStreakSummaryStore(_harness.Database),
            new LiteDbStreakActivityStore(_harness.Database),
            new LiteDbPersonStore(_harness.Database),
            _harness.Time);
        var press = Messages.TelegramDoneButton("1", "Ann");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _harness.Streaks : second).RecordDoneAsync(press, CancellationToken.None))));

        Assert.Equal(1, outcomes.Count(o => o.Counted));
        Assert.Single(await _harness.Completions.GetAllDatesAsync(Ann, CancellationToken.None));
        Assert.Equal(1, (await _harness.Summaries.FindAsync(Ann, CancellationToken.None))!.State.Total);
    }
}

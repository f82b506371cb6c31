using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.Contract.Tests.Backends;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

public abstract class CompletionStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task TryAdd_SameDateTwice_SecondIsRefusedAndLeavesTheFirstSummary()
    {
        Assert.True(await Backend.Completions.TryAddAsync(new Completion(Ann, Monday, DirectChat, Morning), Summary(Ann, run: 1), None));
        Assert.False(await Backend.Completions.TryAddAsync(new Completion(Ann, Monday, GuildChannel, Morning + Duration.FromHours(1)), Summary(Ann, run: 99), None));

        Assert.Equal([Monday], await Backend.Completions.GetAllDatesAsync(Ann, None));
        Assert.Equal(1, (await Backend.Summaries.FindAsync(Ann, None))?.State.Run);
    }

    [StoreFact]
    public async Task TryAdd_FiftyAtOnceForOneDate_ExactlyOneCounts()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            Backend.Completions.TryAddAsync(new Completion(Ann, Monday, DirectChat, Morning + Duration.FromSeconds(i)), Summary(Ann, run: i + 1), None))));

        Assert.Single(results, r => r);
        Assert.Equal([Monday], await Backend.Completions.GetAllDatesAsync(Ann, None));
    }

    [StoreFact]
    public async Task TryAdd_ManyPeopleAtOnceEachTwice_EveryPersonCountsOnceAndAllLand()
    {
        // Concurrent presses across people (on LiteDB they share group commits), every one pressed twice the same day.
        var people = Enumerable.Range(0, 24).Select(i => new PersonKey("telegram", $"many-{i}")).ToList();
        var presses = people.SelectMany(p => new[] { p, p }).Select((person, i) => Task.Run(() =>
            Backend.Completions.TryAddAsync(new Completion(person, Monday, DirectChat, Morning + Duration.FromSeconds(i)), Summary(person, run: 1), None)));
        var results = await Task.WhenAll(presses);

        Assert.Equal(people.Count, results.Count(r => r));
        foreach (var person in people)
        {
            Assert.Equal([Monday], await Backend.Completions.GetAllDatesAsync(person, None));
            Assert.Equal(1, (await Backend.Summaries.FindAsync(person, None))?.State.Run);
        }
    }

    [StoreFact]
    public async Task GetDates_ShortAndLongRanges_InclusiveAscendingAndOnlyThatPerson()
    {
        LocalDate[] dates = [Monday.PlusDays(-40), Monday.PlusDays(-3), Monday.PlusDays(-1), Monday];
        foreach (var date in dates.Reverse())
        {
            Assert.True(await Backend.Completions.TryAddAsync(new Completion(Ann, date, DirectChat, Morning), Summary(Ann, run: 1), None));
        }

        await Backend.Completions.TryAddAsync(new Completion(Bob, Monday.PlusDays(-2), GuildChannel, Morning), Summary(Bob, run: 1), None);

        Assert.Equal([Monday.PlusDays(-3), Monday.PlusDays(-1), Monday], await Backend.Completions.GetDatesAsync(Ann, Monday.PlusDays(-3), Monday, None));
        Assert.Equal(dates, await Backend.Completions.GetDatesAsync(Ann, Monday.PlusDays(-60), Monday.PlusDays(10), None));
        Assert.Empty(await Backend.Completions.GetDatesAsync(Ann, Monday, Monday.PlusDays(-1), None));
        Assert.Equal(dates, await Backend.Completions.GetAllDatesAsync(Ann, None));
        Assert.Empty(await Backend.Completions.GetAllDatesAsync(new PersonKey("telegram", "4"), None));
    }

    [StoreFact]
    public async Task GetAll_EveryCompletionWithWhereAndWhen_ByDate()
    {
        var later = new Completion(Ann, Monday, GuildChannel, Morning);
        var earlier = new Completion(Ann, Monday.PlusDays(-1), DirectChat, Morning - Duration.FromDays(1));
        await Backend.Completions.TryAddAsync(later, Summary(Ann, run: 1), None);
        await Backend.Completions.TryAddAsync(earlier, Summary(Ann, run: 2), None);
        await Backend.Completions.TryAddAsync(new Completion(Bob, Monday, GuildChannel, Morning), Summary(Bob, run: 1), None);

        Assert.Equal([earlier, later], await Backend.Completions.GetAllAsync(Ann, None));
        Assert.Empty(await Backend.Completions.GetAllAsync(new PersonKey("telegram", "nobody"), None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesEveryCompletionOfTheirs_CountsThemAndLeavesOthers()
    {
        await Backend.Completions.TryAddAsync(new Completion(Ann, Monday, DirectChat, Morning), Summary(Ann, run: 1), None);
        await Backend.Completions.TryAddAsync(new Completion(Ann, Monday.PlusDays(-1), DirectChat, Morning), Summary(Ann, run: 1), None);
        await Backend.Completions.TryAddAsync(new Completion(Bob, Monday, GuildChannel, Morning), Summary(Bob, run: 1), None);

        Assert.Equal(2, await Backend.Completions.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.Completions.DeletePersonAsync(Ann, None));

        Assert.Empty(await Backend.Completions.GetAllDatesAsync(Ann, None));
        Assert.Equal([Monday], await Backend.Completions.GetAllDatesAsync(Bob, None));

        // The same day counts again after a /forget: nothing of the old record is left to refuse it.
        Assert.True(await Backend.Completions.TryAddAsync(new Completion(Ann, Monday, DirectChat, Morning), Summary(Ann, run: 1), None));
    }

    protected static StreakSummary Summary(PersonKey person, int run) =>
        new(person, "Ann", "Europe/London", new StreakState(Monday, run, run, run, 0, []));
}

public abstract class StreakSummaryStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Save_FullState_FindReturnsItEqual()
    {
        var summary = new StreakSummary(Ann, "Ann", "America/New_York", new StreakState(Monday, 12, 30, 85, 2, [Monday.PlusDays(-5), Monday.PlusDays(-2)]));

        await Backend.Summaries.SaveAsync(summary, None);

        var found = await Backend.Summaries.FindAsync(Ann, None);
        Assert.NotNull(found);
        Assert.Equal(summary with { State = summary.State with { FrozenDates = [] } }, found with { State = found.State with { FrozenDates = [] } });
        Assert.Equal(summary.State.FrozenDates, found.State.FrozenDates);
    }

    [StoreFact]
    public async Task Save_EmptyState_RoundTripsWithNoLastDate()
    {
        await Backend.Summaries.SaveAsync(new StreakSummary(Bob, "Bob", null, StreakState.Empty), None);

        var found = await Backend.Summaries.FindAsync(Bob, None);
        Assert.NotNull(found);
        Assert.Null(found.State.LastDate);
        Assert.Null(found.TimeZoneId);
        Assert.Empty(found.State.FrozenDates);
    }

    [StoreFact]
    public async Task FindMany_SomeUnknown_ReturnsTheKnownOnesWithTheirLatestSave()
    {
        await Backend.Summaries.SaveAsync(new StreakSummary(Ann, "Ann", null, StreakState.Empty with { Run = 1 }), None);
        await Backend.Summaries.SaveAsync(new StreakSummary(Ann, "Ann", null, StreakState.Empty with { Run = 2 }), None);
        await Backend.Summaries.SaveAsync(new StreakSummary(Bob, "Bob", null, StreakState.Empty with { Run = 5 }), None);

        var found = await Backend.Summaries.FindManyAsync([Ann, new PersonKey("telegram", "nobody"), Bob], None);

        Assert.Equal([("42", 2), ("77", 5)], found.Select(s => (s.Person.UserId, s.State.Run)).Order());
        Assert.Empty(await Backend.Summaries.FindManyAsync([], None));
        Assert.Null(await Backend.Summaries.FindAsync(new PersonKey("telegram", "nobody"), None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesOnlyTheirs_CountsOneThenZero()
    {
        await Backend.Summaries.SaveAsync(new StreakSummary(Ann, "Ann", null, StreakState.Empty), None);
        await Backend.Summaries.SaveAsync(new StreakSummary(Bob, "Bob", null, StreakState.Empty), None);

        Assert.Equal(1, await Backend.Summaries.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.Summaries.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.Summaries.FindAsync(Ann, None));
        Assert.NotNull(await Backend.Summaries.FindAsync(Bob, None));
    }
}

public abstract class CheckInStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Save_SameDateTwice_SecondReplacesAndSaysSo()
    {
        Assert.False(await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday, 3, Morning), None));
        Assert.True(await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday, 6, Morning + Duration.FromHours(2)), None));

        Assert.Equal([new PainCheckIn(Ann, Monday, 6, Morning + Duration.FromHours(2))], await Backend.CheckIns.GetRangeAsync(Ann, Monday, Monday, None));
    }

    [StoreFact]
    public async Task GetRange_InclusiveOldestFirstAndOnlyThatPerson()
    {
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday, 0, Morning), None);
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday.PlusDays(-7), 10, Morning), None);
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday.PlusDays(-8), 4, Morning), None);
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Bob, Monday.PlusDays(-1), 5, Morning), None);

        var range = await Backend.CheckIns.GetRangeAsync(Ann, Monday.PlusDays(-7), Monday, None);

        Assert.Equal([(Monday.PlusDays(-7), 10), (Monday, 0)], range.Select(c => (c.Date, c.Score)));
    }

    [StoreFact]
    public async Task Referral_NeverSet_IsNullThenTheLatestDate()
    {
        Assert.Null(await Backend.CheckIns.GetLastReferralAsync(Ann, None));

        await Backend.CheckIns.SetLastReferralAsync(Ann, Monday, None);
        await Backend.CheckIns.SetLastReferralAsync(Ann, Monday.PlusDays(8), None);

        Assert.Equal(Monday.PlusDays(8), await Backend.CheckIns.GetLastReferralAsync(Ann, None));
        Assert.Null(await Backend.CheckIns.GetLastReferralAsync(Bob, None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesCheckInsAndReferral_CountsThemAndLeavesOthers()
    {
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday, 3, Morning), None);
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Ann, Monday.PlusDays(-3), 7, Morning), None);
        await Backend.CheckIns.SetLastReferralAsync(Ann, Monday, None);
        await Backend.CheckIns.SaveAsync(new PainCheckIn(Bob, Monday, 2, Morning), None);
        await Backend.CheckIns.SetLastReferralAsync(Bob, Monday, None);

        Assert.Equal(3, await Backend.CheckIns.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.CheckIns.DeletePersonAsync(Ann, None));

        Assert.Empty(await Backend.CheckIns.GetRangeAsync(Ann, Monday.PlusDays(-30), Monday, None));
        Assert.Null(await Backend.CheckIns.GetLastReferralAsync(Ann, None));
        Assert.Single(await Backend.CheckIns.GetRangeAsync(Bob, Monday, Monday, None));
        Assert.Equal(Monday, await Backend.CheckIns.GetLastReferralAsync(Bob, None));
    }
}

public sealed class CompletionStoreOnLiteDb : CompletionStoreContract<LiteDbBackend>;

public sealed class CompletionStoreInMemory : CompletionStoreContract<InMemoryBackend>;

public sealed class CompletionStoreOnPostgres : CompletionStoreContract<PostgresBackend>;

public sealed class StreakSummaryStoreOnLiteDb : StreakSummaryStoreContract<LiteDbBackend>;

public sealed class StreakSummaryStoreInMemory : StreakSummaryStoreContract<InMemoryBackend>;

public sealed class StreakSummaryStoreOnPostgres : StreakSummaryStoreContract<PostgresBackend>;

public sealed class CheckInStoreOnLiteDb : CheckInStoreContract<LiteDbBackend>;

public sealed class CheckInStoreInMemory : CheckInStoreContract<InMemoryBackend>;

public sealed class CheckInStoreOnPostgres : CheckInStoreContract<PostgresBackend>;

using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Streaks;

public sealed class StreakRulesTests
{
    private static readonly LocalDate Start = new(2026, 3, 1);

    private static LocalDate[] Days(params int[] offsets) => [.. offsets.Select(o => Start.PlusDays(o))];

    private static LocalDate[] Range(int from, int count) => [.. Enumerable.Range(from, count).Select(o => Start.PlusDays(o))];

    [Fact]
    public void Fold_ConsecutiveDays_ExtendStreak()
    {
        var state = StreakRules.Fold(Range(0, 5));

        var standing = StreakRules.Evaluate(state, Start.PlusDays(4));

        Assert.Equal(5, standing.Current);
        Assert.Equal(5, standing.Longest);
        Assert.Equal(5, standing.Total);
        Assert.True(standing.CompletedToday);
        Assert.Equal(0, standing.FreezesHeld);
    }

    [Fact]
    public void Fold_DuplicatesAndAnyOrder_CountOnce()
    {
        var state = StreakRules.Fold(Days(2, 0, 1, 1, 2, 0));

        Assert.Equal(3, state.Run);
        Assert.Equal(3, state.Total);
    }

    [Fact]
    public void Evaluate_LastDoneYesterday_StreakAliveButTodayOpen()
    {
        var standing = StreakRules.Evaluate(StreakRules.Fold(Range(0, 3)), Start.PlusDays(3));

        Assert.Equal(3, standing.Current);
        Assert.False(standing.CompletedToday);
    }

    [Fact]
    public void Fold_MissedDayWithoutFreeze_EndsStreak()
    {
        // Days 0-3, skip day 4, days 5-6: no freeze earned yet (needs 7 days).
        var state = StreakRules.Fold([.. Range(0, 4), .. Range(5, 2)]);

        Assert.Equal(2, state.Run);
        Assert.Equal(4, state.Longest);
        Assert.Equal(6, state.Total);
        Assert.Empty(state.FrozenDates);
    }

    [Fact]
    public void Fold_SevenDays_EarnsOneFreeze()
    {
        Assert.Equal(0, StreakRules.Fold(Range(0, 6)).Freezes);
        Assert.Equal(1, StreakRules.Fold(Range(0, 7)).Freezes);
    }

    [Fact]
    public void Fold_SingleMissedDayWithFreeze_FreezeSpentAndFrozenDayNotCounted()
    {
        // 7 days earn a freeze, day 7 is missed, days 8-9 done.
        var state = StreakRules.Fold([.. Range(0, 7), .. Range(8, 2)]);

        Assert.Equal(9, state.Run);
        Assert.Equal(9, state.Total);
        Assert.Equal(0, state.Freezes);
        Assert.Equal([Start.PlusDays(7)], state.FrozenDates);
        Assert.Equal(9, StreakRules.Evaluate(state, Start.PlusDays(9)).Current);
    }

    [Fact]
    public void Fold_TwoMissedDaysWithFreezes_EndStreakAndFreezes()
    {
        var state = StreakRules.Fold([.. Range(0, 14), .. Range(16, 1)]);

        Assert.Equal(1, state.Run);
        Assert.Equal(14, state.Longest);
        Assert.Equal(0, state.Freezes);
    }

    [Fact]
    public void Fold_TwentyEightDays_FreezesCappedAtTwo()
    {
        Assert.Equal(2, StreakRules.Fold(Range(0, 14)).Freezes);
        Assert.Equal(2, StreakRules.Fold(Range(0, 28)).Freezes);
    }

    [Fact]
    public void Fold_SpentFreeze_EarnedAgainAtNextSevenDayMark()
    {
        // 14 days (2 freezes), miss day 14, then days 15-20 bring the run to 20: one freeze left, none earned yet.
        var state = StreakRules.Fold([.. Range(0, 14), .. Range(15, 6)]);
        Assert.Equal(20, state.Run);
        Assert.Equal(1, state.Freezes);

        // Day 21 makes the run 21, a multiple of 7: back to two.
        Assert.Equal(2, StreakRules.Add(state, Start.PlusDays(21)).Freezes);
    }

    [Fact]
    public void Fold_TwoSeparateMisses_BothBridgedWhenTwoFreezesHeld()
    {
        var state = StreakRules.Fold([.. Range(0, 14), .. Range(15, 2), .. Range(18, 2)]);

        Assert.Equal(18, state.Run);
        Assert.Equal(0, state.Freezes);
        Assert.Equal(Days(14, 17), state.FrozenDates);
    }

    [Fact]
    public void Evaluate_YesterdayMissedWithFreeze_AliveAndFreezeReserved()
    {
        var state = StreakRules.Fold(Range(0, 7));

        var standing = StreakRules.Evaluate(state, Start.PlusDays(8));

        Assert.Equal(7, standing.Current);
        Assert.True(standing.YesterdayFrozen);
        Assert.Equal(0, standing.FreezesHeld);
        Assert.True(StreakRules.IsFrozen(state, standing, Start.PlusDays(7), Start.PlusDays(8)));
    }

    [Fact]
    public void Evaluate_YesterdayMissedWithoutFreeze_StreakOver()
    {
        var standing = StreakRules.Evaluate(StreakRules.Fold(Range(0, 5)), Start.PlusDays(6));

        Assert.Equal(0, standing.Current);
        Assert.Equal(5, standing.Longest);
        Assert.Equal(5, standing.Total);
    }

    [Fact]
    public void Evaluate_TwoDaysMissedWithFreezes_StreakOverAndFreezesGone()
    {
        var standing = StreakRules.Evaluate(StreakRules.Fold(Range(0, 14)), Start.PlusDays(16));

        Assert.Equal(0, standing.Current);
        Assert.Equal(0, standing.FreezesHeld);
        Assert.Equal(14, standing.Longest);
    }

    [Fact]
    public void Evaluate_NoCompletions_AllZero()
    {
        Assert.Equal(new StreakStanding(0, 0, 0, 0, false, false), StreakRules.Evaluate(StreakState.Empty, Start));
    }

    [Fact]
    public void Add_DateNotAfterLast_Throws()
    {
        var state = StreakRules.Fold(Range(0, 3));

        Assert.Throws<ArgumentOutOfRangeException>(() => StreakRules.Add(state, Start.PlusDays(1)));
    }

    [Fact]
    public void Add_Incrementally_MatchesFold()
    {
        LocalDate[] dates = [.. Range(0, 9), .. Range(10, 12), .. Range(23, 3), .. Range(30, 20)];

        var incremental = dates.Aggregate(StreakState.Empty, StreakRules.Add);
        var folded = StreakRules.Fold(dates);

        Assert.Equal(folded with { FrozenDates = [] }, incremental with { FrozenDates = [] });
        Assert.Equal(folded.FrozenDates, incremental.FrozenDates);
    }

    [Fact]
    public void TimeZoneChange_WestwardAfterCompleting_StoredDayStaysAndStreakContinues()
    {
        // Done at 10:00 UTC on 2 March in Tokyo (19:00, 2 March) after doing 1 March; then the person moves to Honolulu.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
        var honolulu = DateTimeZoneProviders.Tzdb["Pacific/Honolulu"];
        var state = StreakRules.Fold([Start, PersonClock.TodayIn(time, tokyo)]);

        // At 20:00 UTC it is 3 March in Tokyo but still 2 March (10:00) in Honolulu: already done "today".
        time.Advance(TimeSpan.FromHours(10));
        var inHonolulu = StreakRules.Evaluate(state, PersonClock.TodayIn(time, honolulu));
        Assert.Equal(2, inHonolulu.Current);
        Assert.True(inHonolulu.CompletedToday);

        // Next Honolulu day (3 March) extends it to 3; no day was created or lost by the move.
        time.Advance(TimeSpan.FromDays(1));
        var next = StreakRules.Add(state, PersonClock.TodayIn(time, honolulu));
        Assert.Equal(new LocalDate(2026, 3, 3), next.LastDate);
        Assert.Equal(3, next.Run);
    }

    [Fact]
    public void TimeZoneChange_EastwardJump_MissedCalendarDayEndsStreakOnlyIfReallyMissed()
    {
        // Done 1 and 2 March in Honolulu (UTC-10); moving to Kiritimati (UTC+14) makes "today" jump ahead a day.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero)); // 2 March 19:00 in Honolulu
        var state = StreakRules.Fold(Range(0, 2));
        var kiritimati = DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"];

        var today = PersonClock.TodayIn(time, kiritimati); // 3 March 19:00 there
        var standing = StreakRules.Evaluate(state, today);

        Assert.Equal(new LocalDate(2026, 3, 3), today);
        Assert.Equal(2, standing.Current);
        Assert.False(standing.CompletedToday);
    }

    [Theory]
    [InlineData("Pacific/Kiritimati", 9, 59, 2)] // 23:59 on 2 March local (UTC+14)
    [InlineData("Pacific/Kiritimati", 10, 0, 3)] // 00:00 on 3 March local
    [InlineData("Pacific/Pago_Pago", 10, 59, 1)] // 23:59 on 1 March local (UTC-11), 2 March in UTC
    [InlineData("Pacific/Pago_Pago", 11, 0, 2)] // 00:00 on 2 March local
    public void TodayIn_NearMidnightInExtremeZones_UsesLocalDate(string zoneId, int utcHour, int utcMinute, int expectedDay)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, utcHour, utcMinute, 0, TimeSpan.Zero));

        Assert.Equal(new LocalDate(2026, 3, expectedDay), PersonClock.TodayIn(time, DateTimeZoneProviders.Tzdb[zoneId]));
    }

    [Fact]
    public void Streak_CompletionsOneMinuteEitherSideOfKiritimatiMidnight_AreConsecutiveDays()
    {
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"];
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 59, 0, TimeSpan.Zero));
        var first = PersonClock.TodayIn(time, zone);
        time.Advance(TimeSpan.FromMinutes(2));
        var second = PersonClock.TodayIn(time, zone);

        var state = StreakRules.Fold([first, second]);

        Assert.Equal(2, state.Run);
        Assert.Equal(2, StreakRules.Evaluate(state, PersonClock.TodayIn(time, zone)).Current);
    }

    [Fact]
    public void Streak_PagoPagoPressesEitherSideOfUtcMidnight_AreOneLocalDay()
    {
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Pago_Pago"];

        // 23:30 UTC on 1 March and 00:30 UTC on 2 March are 12:30 and 13:30 on 1 March in Pago Pago (UTC-11).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero));
        var before = PersonClock.TodayIn(time, zone);
        time.Advance(TimeSpan.FromHours(1));
        var after = PersonClock.TodayIn(time, zone);

        Assert.Equal(new LocalDate(2026, 3, 1), before);
        Assert.Equal(before, after);
        Assert.Equal(1, StreakRules.Fold([before, after]).Total);
    }
}

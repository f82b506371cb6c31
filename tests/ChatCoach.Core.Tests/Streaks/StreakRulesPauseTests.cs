using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Tests.Streaks;

public sealed class StreakRulesPauseTests
{
    private static readonly LocalDate Start = new(2026, 3, 1);

    private static LocalDate D(int day) => Start.PlusDays(day);

    private static StreakState Run(int days) => StreakRules.Fold(Enumerable.Range(0, days).Select(D));

    [Fact]
    public void Evaluate_PausedToday_StreakNeitherGrowsNorBreaks()
    {
        var state = Run(3); // days 0..2
        PauseSpan[] pauses = [new(D(3), D(9))];

        var standing = StreakRules.Evaluate(state, D(9), pauses);

        Assert.Equal(3, standing.Current);
        Assert.False(standing.CompletedToday);
        Assert.False(standing.YesterdayFrozen);
        Assert.Equal(0, StreakRules.Evaluate(state, D(9)).Current); // without the pause it would have ended
    }

    [Fact]
    public void Add_AfterPause_ContinuesTheRunAndSpendsNoFreeze()
    {
        var state = Run(7); // a freeze earned on day 7
        Assert.Equal(1, state.Freezes);
        PauseSpan[] pauses = [new(D(7), D(20))];

        var after = StreakRules.Add(state, D(21), pauses);

        Assert.Equal(8, after.Run);
        Assert.Equal(1, after.Freezes);
        Assert.Empty(after.FrozenDates);
    }

    [Fact]
    public void Add_OneMissedDayBeforePause_FreezeBridgesThatDay()
    {
        var state = Run(7);
        PauseSpan[] pauses = [new(D(8), D(12))]; // day 7 missed, then paused

        var after = StreakRules.Add(state, D(13), pauses);

        Assert.Equal(8, after.Run);
        Assert.Equal(0, after.Freezes);
        Assert.Equal([D(7)], after.FrozenDates);
    }

    [Fact]
    public void Evaluate_MissedDaysEitherSideOfAPause_OneIsBridgedTwoEndTheStreak()
    {
        var state = Run(7); // days 0..6, one freeze
        PauseSpan[] pauses = [new(D(8), D(10))]; // day 7 missed, paused 8..10

        var oneMissed = StreakRules.Evaluate(state, D(11), pauses);
        var twoMissed = StreakRules.Evaluate(state, D(12), pauses); // day 11 missed as well

        Assert.Equal(7, oneMissed.Current);
        Assert.Equal(0, oneMissed.FreezesHeld); // the freeze is about to cover day 7
        Assert.Equal(0, twoMissed.Current);
    }

    [Fact]
    public void Evaluate_MissedDayBeforePauseWithoutFreeze_StreakEnds() =>
        Assert.Equal(0, StreakRules.Evaluate(Run(3), D(7), [new PauseSpan(D(4), D(6))]).Current); // day 3 missed

    [Fact]
    public void Evaluate_PauseStartedAfterTodaysDone_StillCompletedToday()
    {
        var state = Run(3);

        var standing = StreakRules.Evaluate(state, D(2), [new PauseSpan(D(2), D(8))]);

        Assert.True(standing.CompletedToday);
        Assert.Equal(3, standing.Current);
    }

    [Fact]
    public void Fold_WithPauses_SameAsAddingOneByOne()
    {
        PauseSpan[] pauses = [new(D(5), D(9)), new(D(15), D(16))];
        LocalDate[] dates = [D(0), D(1), D(2), D(3), D(4), D(10), D(11), D(13), D(14), D(17)];

        var folded = StreakRules.Fold(dates.Reverse(), pauses);
        var added = dates.Aggregate(StreakState.Empty, (s, d) => StreakRules.Add(s, d, pauses));

        Assert.Equal(added.Run, folded.Run);
        Assert.Equal(added.Freezes, folded.Freezes);
        Assert.Equal(added.FrozenDates, folded.FrozenDates);
        Assert.Equal([D(12)], folded.FrozenDates); // the freeze earned on day 11 (7th day) bridged day 12
        Assert.Equal(10, folded.Run);
        Assert.Equal(0, folded.Freezes);
    }
}

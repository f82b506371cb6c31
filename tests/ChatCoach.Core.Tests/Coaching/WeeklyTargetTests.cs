using ChatCoach.Core.Coaching;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

public sealed class WeeklyTargetTests
{
    // Wednesday 11 March 2026; that week starts on Monday 9 March.
    private static readonly LocalDate Wednesday = new(2026, 3, 11);

    private static LocalDate Monday(int weeksAgo) => new LocalDate(2026, 3, 9).PlusWeeks(-weeksAgo);

    [Fact]
    public void WeekStart_AnyDay_IsThatWeeksMonday()
    {
        Assert.Equal(new LocalDate(2026, 3, 9), WeeklyTarget.WeekStart(new LocalDate(2026, 3, 9)));
        Assert.Equal(new LocalDate(2026, 3, 9), WeeklyTarget.WeekStart(new LocalDate(2026, 3, 15))); // Sunday
        Assert.Equal(new LocalDate(2026, 3, 16), WeeklyTarget.WeekStart(new LocalDate(2026, 3, 16)));
    }

    [Fact]
    public void Evaluate_TwoThisWeekNoneBefore_TwoOfThreeAndNoWeeklyStreak()
    {
        var standing = WeeklyTarget.Evaluate([Monday(0), Monday(0).PlusDays(1)], Wednesday);

        Assert.Equal(new WeeklyStanding(2, 3, 0), standing);
    }

    [Fact]
    public void Evaluate_TargetMetLastTwoWeeks_UnfinishedWeekDoesNotBreakIt()
    {
        LocalDate[] dates =
        [
            Monday(2), Monday(2).PlusDays(2), Monday(2).PlusDays(6), // missed days in between cost nothing
            Monday(1).PlusDays(1), Monday(1).PlusDays(3), Monday(1).PlusDays(4),
        ];

        Assert.Equal(new WeeklyStanding(0, 3, 2), WeeklyTarget.Evaluate(dates, Wednesday));
        Assert.Equal(new WeeklyStanding(3, 3, 3), WeeklyTarget.Evaluate([.. dates, Monday(0), Monday(0).PlusDays(1), Wednesday], Wednesday));
    }

    [Fact]
    public void Evaluate_WeekBelowTargetInBetween_StreakCountsOnlyTheWeeksAfterIt()
    {
        LocalDate[] dates =
        [
            Monday(3), Monday(3).PlusDays(1), Monday(3).PlusDays(2),
            Monday(2), Monday(2).PlusDays(1), // two only
            Monday(1), Monday(1).PlusDays(1), Monday(1).PlusDays(2),
        ];

        Assert.Equal(1, WeeklyTarget.Evaluate(dates, Wednesday).WeeksInARow);
    }

    [Fact]
    public void Evaluate_FutureDatesAndDuplicates_Ignored() =>
        Assert.Equal(1, WeeklyTarget.Evaluate([Monday(0), Monday(0), Wednesday.PlusDays(1)], Wednesday).ThisWeek);

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 0)]
    public void TargetFor_PausedDays_ProportionallyFewerRoundedAtLeastOne(int pausedDays, int expected)
    {
        PauseSpan[] pauses = pausedDays == 0 ? [] : [new(Monday(0).PlusDays(7 - pausedDays), Monday(0).PlusDays(13))];

        Assert.Equal(expected, WeeklyTarget.TargetFor(Monday(0), pauses));
    }

    [Fact]
    public void Evaluate_ThreeDaysPausedThisWeek_TwoSessionsMeetIt()
    {
        // Paused Friday to Sunday, known ahead: 4 unpaused days need 2.
        PauseSpan[] pauses = [new(Monday(0).PlusDays(4), Monday(0).PlusDays(6))];

        var standing = WeeklyTarget.Evaluate([Monday(0), Monday(0).PlusDays(1)], Wednesday, pauses);

        Assert.Equal(new WeeklyStanding(2, 2, 1), standing);
    }

    [Fact]
    public void Evaluate_PartlyPausedWeekBetween_MetWithFewerSessionsKeepsTheStreak()
    {
        // Last week paused from Tuesday on (6 days: target 1) and met with its Monday session.
        PauseSpan[] pauses = [new(Monday(1).PlusDays(1), Monday(1).PlusDays(6))];
        LocalDate[] dates = [Monday(2), Monday(2).PlusDays(2), Monday(2).PlusDays(4), Monday(1)];

        Assert.Equal(2, WeeklyTarget.Evaluate(dates, Wednesday, pauses).WeeksInARow);
        Assert.Equal(0, WeeklyTarget.Evaluate(dates, Wednesday).WeeksInARow); // without the pause last week missed 3
    }

    [Fact]
    public void Evaluate_FullyPausedWeekBetween_SkippedNeitherGrowsNorBreaks()
    {
        PauseSpan[] pauses = [new(Monday(1).PlusDays(-1), Monday(1).PlusDays(7))]; // Sun before to Mon after
        LocalDate[] dates = [Monday(2), Monday(2).PlusDays(2), Monday(2).PlusDays(4)];

        var standing = WeeklyTarget.Evaluate(dates, Wednesday, pauses);

        Assert.Equal(1, standing.WeeksInARow); // the week before the pause, and the paused week adds nothing
        Assert.Equal(3, standing.Target); // this week has only Monday paused: still 3
    }

    [Fact]
    public void Evaluate_ThisWeekFullyPaused_NoTargetAndTheStreakStands()
    {
        PauseSpan[] pauses = [new(Monday(0), Monday(0).PlusDays(6))];
        LocalDate[] dates = [Monday(1), Monday(1).PlusDays(2), Monday(1).PlusDays(4)];

        var standing = WeeklyTarget.Evaluate(dates, Wednesday, pauses);

        Assert.True(standing.WeekPaused);
        Assert.Equal(1, standing.WeeksInARow);
    }
}


using ChatCoach.Core.Coaching;
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
}

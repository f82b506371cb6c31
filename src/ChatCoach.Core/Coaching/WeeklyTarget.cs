using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>This week's strength sessions, this week's target (lower when days are paused) and the weeks in a row with the target met.</summary>
public sealed record WeeklyStanding(int ThisWeek, int Target, int WeeksInARow)
{
    /// <summary>True when every day of this week is paused: there is no target to meet.</summary>
    public bool WeekPaused => Target == 0;
}

/// <summary>
/// The weekly strength target, pure and clock-free: weeks start on Monday in the person's zone; a strength session is a
/// completed day that was not a gentler day (the gentler routine has no strength work). The weekly streak counts weeks
/// in a row with the week's target met, ending with last week, plus this week once it is met; an unfinished week never
/// breaks it, and a missed day inside a week costs nothing as long as the week reaches the target. Paused days are
/// excused: a week needs <see cref="Target"/> sessions per 7 unpaused days, rounded (<see cref="TargetFor"/>), and a
/// week paused from Monday to Sunday is skipped, neither growing nor breaking the weekly streak, like a paused day.
/// </summary>
public static class WeeklyTarget
{
    /// <summary>The hip article's "about three times a week".</summary>
    public const int Target = 3;

    /// <summary>How far back the weekly streak is counted (a year of weeks); older weeks are not read.</summary>
    public const int MaxWeeks = 52;

    public static LocalDate WeekStart(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    /// <summary>
    /// The target of the week starting on <paramref name="weekStart"/>: 3 × unpaused days ÷ 7 rounded to the nearest
    /// whole session, at least one while any day is unpaused: one paused day still needs 3, two or three need 2, four
    /// to six need 1, and a fully paused week needs none.
    /// </summary>
    public static int TargetFor(LocalDate weekStart, IReadOnlyCollection<PauseSpan> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        var unpaused = Enumerable.Range(0, 7).Count(i => !StreakRules.IsPaused(pauses, weekStart.PlusDays(i)));
        return unpaused == 0 ? 0 : Math.Max(1, ((2 * Target * unpaused) + 7) / 14);
    }

    public static WeeklyStanding Evaluate(IEnumerable<LocalDate> strengthDates, LocalDate today) =>
        Evaluate(strengthDates, today, []);

    public static WeeklyStanding Evaluate(IEnumerable<LocalDate> strengthDates, LocalDate today, IReadOnlyCollection<PauseSpan> pauses)
    {
        ArgumentNullException.ThrowIfNull(strengthDates);
        ArgumentNullException.ThrowIfNull(pauses);
        var perWeek = strengthDates.Where(d => d <= today).Distinct().GroupBy(WeekStart).ToDictionary(g => g.Key, g => g.Count());
        var thisWeek = WeekStart(today);
        var count = perWeek.GetValueOrDefault(thisWeek);

        // This week's target counts a pause already planned for its later days too: the person knows of it.
        var target = TargetFor(thisWeek, pauses);
        var run = target > 0 && count >= target ? 1 : 0;
        for (var (week, read) = (thisWeek.PlusWeeks(-1), 0); read < MaxWeeks; week = week.PlusWeeks(-1), read++)
        {
            var needed = TargetFor(week, pauses);
            if (needed == 0)
            {
                continue; // a fully paused week is skipped, as a paused day is
            }

            if (perWeek.GetValueOrDefault(week) < needed)
            {
                break;
            }

            run++;
        }

        return new WeeklyStanding(count, target, run);
    }
}

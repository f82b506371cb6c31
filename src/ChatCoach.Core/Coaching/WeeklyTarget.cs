using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>This week's strength sessions and the weeks in a row with the target met.</summary>
public sealed record WeeklyStanding(int ThisWeek, int Target, int WeeksInARow);

/// <summary>
/// The weekly strength target, pure and clock-free: weeks start on Monday in the person's zone; a strength session is a
/// completed day that was not a gentler day (the gentler routine has no strength work). The weekly streak counts weeks
/// in a row with at least <see cref="Target"/> sessions, ending with last week, plus this week once it is met; an
/// unfinished week never breaks it, and a missed day inside a week costs nothing as long as the week reaches the target.
/// </summary>
public static class WeeklyTarget
{
    /// <summary>The hip article's "about three times a week".</summary>
    public const int Target = 3;

    /// <summary>How far back the weekly streak is counted (a year of weeks); older weeks are not read.</summary>
    public const int MaxWeeks = 52;

    public static LocalDate WeekStart(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    public static WeeklyStanding Evaluate(IEnumerable<LocalDate> strengthDates, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(strengthDates);
        var perWeek = strengthDates.Where(d => d <= today).Distinct().GroupBy(WeekStart).ToDictionary(g => g.Key, g => g.Count());
        var thisWeek = WeekStart(today);
        var count = perWeek.GetValueOrDefault(thisWeek);
        var run = count >= Target ? 1 : 0;
        for (var week = thisWeek.PlusWeeks(-1); run < MaxWeeks && perWeek.GetValueOrDefault(week) >= Target; week = week.PlusWeeks(-1))
        {
            run++;
        }

        return new WeeklyStanding(count, Target, run);
    }
}

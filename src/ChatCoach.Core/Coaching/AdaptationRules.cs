using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>
/// When the personal routine turns gentler and when to suggest a professional. Pure and clock-free: the caller
/// passes the person's check-ins (any order) and "today" in the person's zone. docs/coaching.md explains the rules.
/// </summary>
public static class AdaptationRules
{
    /// <summary>A check-in at or above this makes the next day's routine gentler.</summary>
    public const int GentleThreshold = 4;

    /// <summary>Two check-ins at or above this within <see cref="HighPainWindowDays"/> days suggest a professional.</summary>
    public const int HighPain = 6;

    public const int HighPainWindowDays = 7;

    public const int PersistentWindowDays = 14;

    /// <summary>"Most check-ins over 14 days" needs at least this many check-ins to mean anything.</summary>
    public const int PersistentMinCheckIns = 4;

    /// <summary>Rising pain is judged on check-ins no older than this.</summary>
    public const int RisingWindowDays = 7;

    public const int ReferralIntervalDays = 7;

    /// <summary>How far back the rules look; a caller need not load more.</summary>
    public const int LookBackDays = PersistentWindowDays;

    /// <summary>
    /// True when today's personal routine should be the gentler one: yesterday's check-in (the one after yesterday's
    /// session) was <see cref="GentleThreshold"/> or more, or the last three check-ins of the past week rise one after the other.
    /// Today's own check-in does not change today's routine: it is given after the session.
    /// </summary>
    public static bool IsGentleDay(IEnumerable<PainCheckIn> checkIns, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        var before = checkIns.Where(c => c.Date < today).OrderBy(c => c.Date).ToList();
        if (before.Count > 0 && before[^1].Date == today.PlusDays(-1) && before[^1].Score >= GentleThreshold)
        {
            return true;
        }

        var recent = before.Where(c => c.Date > today.PlusDays(-RisingWindowDays - 1)).TakeLast(3).ToList();
        return recent.Count == 3 && recent[0].Score < recent[1].Score && recent[1].Score < recent[2].Score;
    }

    /// <summary>
    /// True when the check-ins up to and including today call for a professional: <see cref="HighPain"/> or more twice
    /// within 7 days, or <see cref="GentleThreshold"/> or more on most (over half, at least <see cref="PersistentMinCheckIns"/>) check-ins over 14 days.
    /// </summary>
    public static bool CallsForProfessional(IEnumerable<PainCheckIn> checkIns, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        var upToToday = checkIns.Where(c => c.Date <= today).ToList();
        var high = upToToday.Count(c => c.Date > today.PlusDays(-HighPainWindowDays) && c.Score >= HighPain);
        if (high >= 2)
        {
            return true;
        }

        var fortnight = upToToday.Where(c => c.Date > today.PlusDays(-PersistentWindowDays)).ToList();
        return fortnight.Count >= PersistentMinCheckIns && fortnight.Count(c => c.Score >= GentleThreshold) * 2 > fortnight.Count;
    }

    /// <summary>At most one suggestion to see a professional a week.</summary>
    public static bool MayRefer(LocalDate? lastReferral, LocalDate today) =>
        lastReferral is not { } last || Period.DaysBetween(last, today) >= ReferralIntervalDays;
}

using NodaTime;

namespace ChatCoach.Core.Streaks;

/// <summary>
/// What a person's completions add up to, folded in date order. It is everything the streak needs, so it can be
/// cached per person and always be rebuilt from the stored completions with <see cref="StreakRules.Fold"/>.
/// </summary>
/// <param name="LastDate">The latest completed local date, or null before the first completion.</param>
/// <param name="Run">Completed days in the streak that ends at <paramref name="LastDate"/> (frozen days do not count).</param>
/// <param name="Longest">The longest run ever.</param>
/// <param name="Total">All completed days.</param>
/// <param name="Freezes">Freezes held at <paramref name="LastDate"/> (0 to <see cref="StreakRules.MaxFreezes"/>).</param>
/// <param name="FrozenDates">The most recent days bridged by a freeze in the current run, oldest first.</param>
public sealed record StreakState(LocalDate? LastDate, int Run, int Longest, int Total, int Freezes, IReadOnlyList<LocalDate> FrozenDates)
{
    public static StreakState Empty { get; } = new(null, 0, 0, 0, 0, []);
}

/// <summary>
/// An injury pause: local dates <paramref name="First"/> to <paramref name="Last"/> inclusive, in the person's zone. A
/// paused day is neither done nor missed: the streak does not grow, does not break and spends no freeze.
/// </summary>
public sealed record PauseSpan(LocalDate First, LocalDate Last)
{
    public bool Contains(LocalDate date) => date >= First && date <= Last;
}

/// <summary>How a streak stands on a given local day.</summary>
/// <param name="Current">The live streak length in completed days; 0 when it has ended.</param>
/// <param name="Longest">The longest run ever.</param>
/// <param name="Total">All completed days.</param>
/// <param name="FreezesHeld">Freezes still available today (a freeze about to cover yesterday is already taken off).</param>
/// <param name="CompletedToday">True when today is already counted.</param>
/// <param name="YesterdayFrozen">True when yesterday was missed and a freeze keeps the streak alive until today ends.</param>
public sealed record StreakStanding(int Current, int Longest, int Total, int FreezesHeld, bool CompletedToday, bool YesterdayFrozen);

/// <summary>
/// The streak rules, pure and clock-free (the caller supplies "today" in the person's zone):
/// consecutive local days extend a streak; every 7 completed days of a streak earn a freeze (at most 2 held);
/// a single missed day is bridged by a freeze, which keeps the streak alive but does not add to its length;
/// two missed days in a row, or one with no freeze, end the streak and its freezes. Paused days (<see cref="PauseSpan"/>)
/// are skipped as if they did not exist: they neither extend nor break a streak and never spend a freeze.
/// </summary>
public static class StreakRules
{
    public const int DaysPerFreeze = 7;
    public const int MaxFreezes = 2;

    // Only the recent bridged days are shown (the 7-day strip); older ones need not be carried in the cache.
    private const int FrozenDatesKept = 8;

    /// <summary>Folds any set of completed dates (any order, duplicates ignored) into a state.</summary>
    public static StreakState Fold(IEnumerable<LocalDate> dates) => Fold(dates, []);

    /// <summary>Folds completed dates with the person's pauses.</summary>
    public static StreakState Fold(IEnumerable<LocalDate> dates, IReadOnlyCollection<PauseSpan> pauses)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var state = StreakState.Empty;
        foreach (var date in dates.Distinct().Order())
        {
            state = Add(state, date, pauses);
        }

        return state;
    }

    /// <summary>Adds a completion later than <see cref="StreakState.LastDate"/>. Earlier dates need a <see cref="Fold"/>.</summary>
    public static StreakState Add(StreakState state, LocalDate date) => Add(state, date, []);

    /// <summary>Adds a completion later than <see cref="StreakState.LastDate"/>, skipping paused days between them.</summary>
    public static StreakState Add(StreakState state, LocalDate date, IReadOnlyCollection<PauseSpan> pauses)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pauses);
        if (state.LastDate is not { } last)
        {
            return new StreakState(date, 1, Math.Max(1, state.Longest), state.Total + 1, 0, []);
        }

        if (date <= last)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"A completion must come after {last}; rebuild with Fold instead.");
        }

        var missed = MissedBetween(last, date, pauses);

        int run;
        var freezes = state.Freezes;
        IReadOnlyList<LocalDate> frozen = state.FrozenDates;
        if (missed == 0)
        {
            run = state.Run + 1;
        }
        else if (missed == 1 && freezes > 0)
        {
            run = state.Run + 1;
            freezes--;
            frozen = [.. state.FrozenDates.TakeLast(FrozenDatesKept - 1), FirstUnpausedAfter(last, pauses)];
        }
        else
        {
            run = 1;
            freezes = 0;
            frozen = [];
        }

        if (run % DaysPerFreeze == 0 && freezes < MaxFreezes)
        {
            freezes++;
        }

        return new StreakState(date, run, Math.Max(state.Longest, run), state.Total + 1, freezes, frozen);
    }

    /// <summary>The standing on <paramref name="today"/>: the streak decays here, at read time, when days were missed.</summary>
    public static StreakStanding Evaluate(StreakState state, LocalDate today) => Evaluate(state, today, []);

    /// <summary>The standing on <paramref name="today"/> with the person's pauses: a paused today keeps the streak as it was.</summary>
    public static StreakStanding Evaluate(StreakState state, LocalDate today, IReadOnlyCollection<PauseSpan> pauses)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pauses);
        if (state.LastDate is not { } last)
        {
            return new StreakStanding(0, 0, 0, 0, false, false);
        }

        var daysSince = Period.DaysBetween(last, today);

        // A later zone change can put the last completion "tomorrow"; a stored day never moves, so it still counts as done.
        if (daysSince <= 0)
        {
            return new StreakStanding(state.Run, state.Longest, state.Total, state.Freezes, true, false);
        }

        // Missed days so far, not counting today (still to play for) nor paused days.
        var missed = MissedBetween(last, today, pauses);
        if (missed == 0)
        {
            return new StreakStanding(state.Run, state.Longest, state.Total, state.Freezes, false, false);
        }

        if (missed == 1 && state.Freezes > 0)
        {
            return new StreakStanding(state.Run, state.Longest, state.Total, state.Freezes - 1, false, true);
        }

        return new StreakStanding(0, state.Longest, state.Total, 0, false, false);
    }

    /// <summary>True when <paramref name="date"/> lies in one of the pauses.</summary>
    public static bool IsPaused(IReadOnlyCollection<PauseSpan> pauses, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        return pauses.Any(p => p.Contains(date));
    }

    /// <summary>Days strictly between <paramref name="last"/> and <paramref name="date"/> that are not paused.</summary>
    private static int MissedBetween(LocalDate last, LocalDate date, IReadOnlyCollection<PauseSpan> pauses)
    {
        var between = Period.DaysBetween(last, date) - 1;
        if (between <= 0 || pauses.Count == 0)
        {
            return Math.Max(0, between);
        }

        // Pauses never overlap (a new one replaces what is left of the current one), so their overlaps add up.
        var first = last.PlusDays(1);
        var end = date.PlusDays(-1);
        var paused = 0;
        foreach (var pause in pauses)
        {
            var from = LocalDate.Max(pause.First, first);
            var to = LocalDate.Min(pause.Last, end);
            if (from <= to)
            {
                paused += Period.DaysBetween(from, to) + 1;
            }
        }

        return Math.Max(0, between - paused);
    }

    private static LocalDate FirstUnpausedAfter(LocalDate last, IReadOnlyCollection<PauseSpan> pauses)
    {
        var day = last.PlusDays(1);
        while (IsPaused(pauses, day))
        {
            day = day.PlusDays(1);
        }

        return day;
    }

    /// <summary>True when <paramref name="date"/> was bridged by a freeze (or is about to be, as yesterday).</summary>
    public static bool IsFrozen(StreakState state, StreakStanding standing, LocalDate date, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.YesterdayFrozen && date == today.PlusDays(-1))
        {
            return true;
        }

        return standing.Current > 0 && state.FrozenDates.Contains(date);
    }
}

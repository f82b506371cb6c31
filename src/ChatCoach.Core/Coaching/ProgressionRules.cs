using System.Globalization;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>A person's progression level and the local date it last changed (null: never).</summary>
public sealed record ProgressionState(int Level, LocalDate? ChangedOn)
{
    public static ProgressionState Start { get; } = new(ProgressionRules.MinLevel, null);
}

/// <summary>
/// Progression, pure and clock-free. Today's level follows from the stored state and the days before today (today's
/// session and check-in count from tomorrow, as for the gentler day). Each past day since the last change is replayed:
/// a check-in of <see cref="StepBackPain"/> or more steps back one level; otherwise <see cref="SessionsToStepUp"/>
/// completed days within <see cref="WindowDays"/> days, all after the last change, with every check-in of that window
/// at most <see cref="ComfortablePain"/>, step up one level, up to <see cref="MaxLevel"/>. docs/coaching.md explains it.
/// </summary>
public static class ProgressionRules
{
    public const int MinLevel = 1;

    /// <summary>Level 1 is the catalogue dose, 2 more reps, 3 longer holds as well, 4 the harder variant.</summary>
    public const int MaxLevel = 4;

    public const int SessionsToStepUp = 6;

    public const int WindowDays = 14;

    public const int ComfortablePain = 3;

    public const int StepBackPain = AdaptationRules.HighPain;

    /// <summary>How far back a replay reaches when the state is older (or new): four windows.</summary>
    public const int ReplayDays = 4 * WindowDays;

    /// <summary>The first day whose data <see cref="Advance"/> may read, for a caller loading only what it needs.</summary>
    public static LocalDate FirstDayRead(LocalDate today) => today.PlusDays(-ReplayDays - WindowDays);

    public static ProgressionState Advance(ProgressionState state, IEnumerable<LocalDate> completions, IEnumerable<PainCheckIn> checkIns, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentNullException.ThrowIfNull(checkIns);
        var done = completions.Where(d => d < today).ToHashSet();
        var pain = checkIns.Where(c => c.Date < today).GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Last().Score);
        var first = today.PlusDays(-ReplayDays);
        if (state.ChangedOn is { } changed && changed.PlusDays(1) > first)
        {
            first = changed.PlusDays(1);
        }

        var (level, since) = (Math.Clamp(state.Level, MinLevel, MaxLevel), state.ChangedOn);
        for (var day = first; day < today; day = day.PlusDays(1))
        {
            if (pain.TryGetValue(day, out var score) && score >= StepBackPain)
            {
                // The window starts again after high pain even at level 1: comfort is shown anew before stepping up.
                (level, since) = (Math.Max(MinLevel, level - 1), day);
                continue;
            }

            if (level >= MaxLevel)
            {
                continue;
            }

            var windowStart = day.PlusDays(1 - WindowDays);
            if (since is { } last && last >= windowStart)
            {
                windowStart = last.PlusDays(1);
            }

            var sessions = 0;
            var comfortable = true;
            for (var d = windowStart; d <= day; d = d.PlusDays(1))
            {
                sessions += done.Contains(d) ? 1 : 0;
                comfortable &= !pain.TryGetValue(d, out var s) || s <= ComfortablePain;
            }

            if (sessions >= SessionsToStepUp && comfortable)
            {
                (level, since) = (level + 1, day);
            }
        }

        return level == state.Level && since == state.ChangedOn ? state : new ProgressionState(level, since);
    }

    /// <summary>
    /// An exercise at a level: 1 as catalogued; 2 more reps (a quarter more, at least 2), or a 10 s longer hold when it
    /// has no reps; 3 half as many reps more (at least 4) and holds longer (5 s for reps held, 20 s for a hold alone); 4 the harder
    /// variant at its own dose where the catalogue has one, otherwise level 3.
    /// </summary>
    public static Exercise AtLevel(Exercise exercise, int level) => AtLevelIn(exercise, level, Languages.EnglishCulture);

    /// <summary>As <see cref="AtLevel(Exercise, int)"/>, the way back to the easier exercise written in the culture's words.</summary>
    public static Exercise AtLevelIn(Exercise exercise, int level, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(culture);
        level = Math.Clamp(level, MinLevel, MaxLevel);
        if (level >= 4 && exercise.HarderVariant is { } variant)
        {
            return exercise with
            {
                Name = variant.Name,
                Dose = variant.Dose,
                Steps = variant.Steps,
                Easier = CoachingTexts.Format(
                    "level.backTo",
                    culture,
                    Languages.IsChinese(culture) ? exercise.Name : exercise.Name.ToLowerInvariant(),
                    exercise.Dose.DescribeIn(culture)),
                Harder = null,
                Source = variant.Source,
                HarderVariant = null,
            };
        }

        return level == MinLevel ? exercise : exercise with { Dose = DoseAt(exercise.Dose, Math.Min(level, 3)) };
    }

    public static Dose DoseAt(Dose dose, int level)
    {
        ArgumentNullException.ThrowIfNull(dose);
        return level switch
        {
            <= 1 => dose,
            2 when dose.Reps is { } reps => dose with { Reps = reps + Math.Max(2, (reps + 2) / 4) },
            2 => dose with { HoldSeconds = dose.HoldSeconds + 10 },
            _ => dose with
            {
                Reps = dose.Reps is { } r ? r + Math.Max(4, (r + 1) / 2) : null,
                HoldSeconds = dose.HoldSeconds is { } h ? h + (dose.Reps is null ? 20 : 5) : null,
            },
        };
    }
}

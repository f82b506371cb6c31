using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;

namespace ChatCoach.Core.Routines;

/// <summary>A day's routine: warm-up first, then strength, then the stretch (or, for recovery, stretches and massage).</summary>
public sealed record PlannedRoutine(LocalDate Date, RoutineFocus Focus, IReadOnlyList<Exercise> Items)
{
    public int Minutes => Items.Sum(i => i.Minutes);

    public bool HasHipStrength => Items.Any(RoutinePlanner.IsHipStrength);
}

/// <summary>
/// Plans the day's routine. The plan depends only on the local date and the focus, so everyone who asks on the same
/// date with the same focus gets the same routine, in every process.
/// </summary>
/// <remarks>
/// How: for each (focus, hip day?, warm-up) the planner enumerates every combination of the catalogue that obeys the
/// rules below, in a fixed order, and picks one with a generator seeded from "date|focus". The warm-up rotates with
/// the day number through a fixed list, which guarantees that two consecutive days never get the same routine.
/// Rules: 10–15 minutes; one warm-up, two or three strength items and one stretch; hip strength only on Monday,
/// Wednesday and Friday (the hip article's three times a week, with a rest day between); a balanced routine covers at
/// least three body areas and no area takes more than 60 % of it.
/// </remarks>
public sealed class RoutinePlanner(ExerciseCatalog catalog)
{
    public const int MinMinutes = 10;
    public const int MaxMinutes = 15;

    private readonly ConcurrentDictionary<(RoutineFocus, bool, string), IReadOnlyList<Exercise[]>> _candidates = new();
    private readonly ConcurrentDictionary<(LocalDate, RoutineFocus), PlannedRoutine> _plans = new();

    /// <summary>Hip strength days: three a week with a day's rest after each.</summary>
    public static bool IsHipDay(LocalDate date) =>
        date.DayOfWeek is IsoDayOfWeek.Monday or IsoDayOfWeek.Wednesday or IsoDayOfWeek.Friday;

    public static bool IsHipStrength(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return exercise is { Kind: ExerciseKind.Strength, Focus: BodyFocus.Hips };
    }

    public PlannedRoutine Plan(LocalDate date, RoutineFocus focus)
    {
        // Plans are cached because the scheduler asks for the same day's plan once per subscription.
        if (_plans.Count > 1_000)
        {
            _plans.Clear();
        }

        return _plans.GetOrAdd((date, focus), key => Build(key.Item1, key.Item2));
    }

    private PlannedRoutine Build(LocalDate date, RoutineFocus focus)
    {
        var warmUps = WarmUps(focus);
        var warmUp = warmUps[(int)((uint)date.ToDateOnly().DayNumber % (uint)warmUps.Count)];
        var hipDay = IsHipDay(date) && focus != RoutineFocus.Recovery;
        var candidates = _candidates.GetOrAdd((focus, hipDay, warmUp.Id), key => Enumerate(key.Item1, key.Item2, warmUp));
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"The catalogue has no {focus} routine starting with {warmUp.Id}.");
        }

        var seed = StableRandom.FromText(string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}|{focus}"));
        return new PlannedRoutine(date, focus, candidates[seed.Next(candidates.Count)]);
    }

    /// <summary>The warm-up rotation for a focus, in catalogue order.</summary>
    private List<Exercise> WarmUps(RoutineFocus focus)
    {
        var mobility = catalog.Exercises.Where(e => e.Kind == ExerciseKind.Mobility && !e.PostRun);
        var list = focus switch
        {
            RoutineFocus.Hips => mobility.Where(e => e.Focus == BodyFocus.Hips),
            RoutineFocus.Ankles => mobility.Where(e => e.Focus is BodyFocus.Ankles or BodyFocus.Calves),
            _ => mobility,
        };
        var warmUps = list.ToList();
        if (warmUps.Count < 2)
        {
            throw new InvalidOperationException($"The catalogue needs at least two warm-ups for a {focus} routine, so that consecutive days differ.");
        }

        return warmUps;
    }

    private List<Exercise[]> Enumerate(RoutineFocus focus, bool hipDay, Exercise warmUp)
    {
        var results = new List<Exercise[]>();
        if (focus == RoutineFocus.Recovery)
        {
            // Post-run: the static stretch and the massage always, two more stretches between them.
            var postRun = catalog.Exercises.Where(e => e.PostRun).ToList();
            var stretches = catalog.Exercises.Where(e => e.Kind == ExerciseKind.Stretch && !e.PostRun).ToList();
            foreach (var pair in Subsets(stretches, 2))
            {
                Exercise[] items = [warmUp, .. postRun.Where(e => e.Kind == ExerciseKind.Stretch), .. pair, .. postRun.Where(e => e.Kind != ExerciseKind.Stretch)];
                if (InTime(items))
                {
                    results.Add(items);
                }
            }

            return results;
        }

        var strength = catalog.Exercises.Where(e => e.Kind == ExerciseKind.Strength).ToList();
        var stretchPool = catalog.Exercises.Where(e => e.Kind == ExerciseKind.Stretch).ToList();
        foreach (var size in (int[])[2, 3])
        {
            foreach (var chosen in Subsets(strength, size))
            {
                foreach (var stretch in stretchPool)
                {
                    Exercise[] items = [warmUp, .. chosen, stretch];
                    if (InTime(items) && Fits(focus, hipDay, warmUp, chosen, stretch, items))
                    {
                        results.Add(items);
                    }
                }
            }
        }

        return results;
    }

    private static bool Fits(RoutineFocus focus, bool hipDay, Exercise warmUp, Exercise[] strength, Exercise stretch, Exercise[] items)
    {
        var hipStrength = strength.Count(IsHipStrength);
        switch (focus)
        {
            case RoutineFocus.Hips:
                return stretch.Focus == BodyFocus.Hips && (hipDay ? hipStrength == strength.Length : hipStrength == 0);
            case RoutineFocus.Ankles:
                return stretch.Focus == BodyFocus.Ankles
                    && strength.Any(e => e.Focus is BodyFocus.Ankles or BodyFocus.Calves)
                    && hipStrength == (hipDay ? 1 : 0);
            default:
                if (hipStrength != (hipDay ? 2 : 0))
                {
                    return false;
                }

                var areas = items.GroupBy(e => e.Focus).Select(g => g.Count()).ToList();
                return warmUp.Focus != stretch.Focus && areas.Count >= 3 && areas.Max() * 5 <= items.Length * 3;
        }
    }

    private static bool InTime(Exercise[] items)
    {
        var minutes = items.Sum(e => e.Minutes);
        return minutes is >= MinMinutes and <= MaxMinutes;
    }

    private static IEnumerable<Exercise[]> Subsets(List<Exercise> pool, int size, int start = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = start; i <= pool.Count - size; i++)
        {
            foreach (var rest in Subsets(pool, size - 1, i + 1))
            {
                yield return [pool[i], .. rest];
            }
        }
    }
}

using System.Globalization;

namespace ChatCoach.Core.Routines;

/// <summary>The part of the body an exercise mainly works.</summary>
public enum BodyFocus
{
    Hips,
    Knees,
    Ankles,
    Calves,
    Trunk,
}

public enum ExerciseKind
{
    Strength,
    Stretch,
    Mobility,
}

/// <summary>One exercise from <c>data/exercises.json</c>; texts are the project's own words.</summary>
/// <param name="PostRun">Meant for after a run (static stretch, massage), so it is never used as a warm-up.</param>
/// <param name="Source">The seed article the facts come from.</param>
public sealed record Exercise(
    string Id,
    string Name,
    BodyFocus Focus,
    ExerciseKind Kind,
    Dose Dose,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Cues,
    string? Easier,
    string? Harder,
    int Minutes,
    bool PostRun,
    string Source)
{
    /// <summary>Bends the knee deeply under load (squats, lunges, kneeling): left out of the gentler routine after pain.</summary>
    public bool DeepKneeBend { get; init; }

    /// <summary>The harder exercise that progression's top level swaps in, where the catalogue names one.</summary>
    public ExerciseVariant? HarderVariant { get; init; }
}

/// <summary>A harder version of an exercise with its own steps and dose, in the project's words, naming its source.</summary>
public sealed record ExerciseVariant(string Name, Dose Dose, IReadOnlyList<string> Steps, string Source);

/// <summary>How much: repetitions and sets, or a hold in seconds (or both: reps each held), per side where it applies.</summary>
public sealed record Dose(int? Reps, int Sets, int? HoldSeconds, bool PerSide)
{
    public string Describe()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = (Reps, HoldSeconds) switch
        {
            ({ } reps, { } hold) => string.Create(culture, $"{reps} reps, each held {hold} s"),
            ({ } reps, null) => string.Create(culture, $"{reps} reps"),
            (null, { } hold) => string.Create(culture, $"hold {hold} s"),
            _ => "",
        };
        if (Sets > 1)
        {
            text += string.Create(culture, $" × {Sets} sets");
        }

        return PerSide ? text + ", each side" : text;
    }

    /// <summary>The dose in the culture's words (<see cref="Describe()"/> for English).</summary>
    public string DescribeIn(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (!People.Languages.IsChinese(culture))
        {
            return Describe();
        }

        var text = (Reps, HoldSeconds) switch
        {
            ({ } reps, { } hold) => Resources.ChatTexts.Format("dose.repsHold", culture, reps, hold),
            ({ } reps, null) => Resources.ChatTexts.Format("dose.reps", culture, reps),
            (null, { } hold) => Resources.ChatTexts.Format("dose.hold", culture, hold),
            _ => "",
        };
        if (Sets > 1)
        {
            text = Resources.ChatTexts.Format("dose.sets", culture, text, Sets);
        }

        return PerSide ? Resources.ChatTexts.Format("dose.side", culture, text) : text;
    }
}

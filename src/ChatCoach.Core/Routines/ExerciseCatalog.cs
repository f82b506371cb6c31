using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCoach.Core.Routines;

/// <summary>The exercises from <c>data/exercises.json</c>, checked once at load so a bad edit stops the start.</summary>
public sealed class ExerciseCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, Exercise> _byId;

    public ExerciseCatalog(IEnumerable<Exercise> exercises, string safetyNote)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        Exercises = [.. exercises];
        SafetyNote = safetyNote;
        _byId = new Dictionary<string, Exercise>(StringComparer.Ordinal);
        foreach (var exercise in Exercises)
        {
            Validate(exercise);
            if (!_byId.TryAdd(exercise.Id, exercise))
            {
                throw new InvalidDataException($"The exercise id '{exercise.Id}' appears twice in the catalogue.");
            }
        }
    }

    /// <summary>The catalogue shipped beside the binary.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "exercises.json");

    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>The "stop if it hurts" line shown with every routine.</summary>
    public string SafetyNote { get; }

    public Exercise this[string id] => _byId[id];

    /// <summary>The same exercises with their texts in Simplified Chinese (<c>exercises.zh.json</c> beside the catalogue), or null when none is shipped.</summary>
    public ExerciseCatalog? Chinese { get; private set; }

    /// <summary>The catalogue whose texts are in the culture's language (this one when there is no translation).</summary>
    public ExerciseCatalog In(System.Globalization.CultureInfo culture) =>
        Chinese is not null && People.Languages.IsChinese(culture) ? Chinese : this;

    /// <summary>
    /// Adds the Chinese texts from <paramref name="path"/>: name, steps, cues, easier and harder per id, and the harder
    /// variant's name and steps; doses, kinds and sources stay the English catalogue's. Every exercise needs its translation, so a half-translated catalogue stops the start.
    /// </summary>
    public ExerciseCatalog WithChinese(string path)
    {
        TranslationFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<TranslationFile>(stream, JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"Cannot read the exercise texts '{path}': {ex.Message}", ex);
        }

        if (file?.Exercises is not { } texts || string.IsNullOrWhiteSpace(file.Safety))
        {
            throw new InvalidDataException($"The exercise texts '{path}' have no exercises or no safety note.");
        }

        var translated = Exercises.Select(e => texts.TryGetValue(e.Id, out var t) && !string.IsNullOrWhiteSpace(t.Name)
            ? e with { Name = t.Name, Steps = t.Steps ?? [], Cues = t.Cues ?? [], Easier = t.Easier, Harder = t.Harder, HarderVariant = TranslateVariant(e, t, path) }
            : throw new InvalidDataException($"The exercise texts '{path}' have no text for '{e.Id}'."));
        Chinese = new ExerciseCatalog(translated, file.Safety);
        return this;
    }

    // A harder variant keeps its dose and source; its name and steps need their own translation.
    private static ExerciseVariant? TranslateVariant(Exercise exercise, TranslationRow row, string path) => exercise.HarderVariant switch
    {
        null => null,
        { } variant when row.HarderVariant is { Name: { Length: > 0 } name, Steps: { Count: > 0 } steps } => variant with { Name = name, Steps = steps },
        _ => throw new InvalidDataException($"The exercise texts '{path}' have no name or steps for the harder variant of '{exercise.Id}'."),
    };

    public static ExerciseCatalog Load(string path)
    {
        CatalogFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<CatalogFile>(stream, JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"Cannot read the exercise catalogue '{path}': {ex.Message}", ex);
        }

        if (file?.Exercises is not { Count: > 0 } rows || string.IsNullOrWhiteSpace(file.Safety))
        {
            throw new InvalidDataException($"The exercise catalogue '{path}' has no exercises or no safety note.");
        }

        var catalog = new ExerciseCatalog(rows.Select(r => r.ToExercise(path)), file.Safety);

        // The Chinese texts travel beside the catalogue (exercises.json → exercises.zh.json).
        var chinese = Path.ChangeExtension(path, ".zh.json");
        return File.Exists(chinese) ? catalog.WithChinese(chinese) : catalog;
    }

    private static void Validate(Exercise e)
    {
        var problem = e switch
        {
            { Id.Length: 0 } or { Name.Length: 0 } or { Source.Length: 0 } => "needs an id, a name and a source",
            { Steps.Count: < 2 or > 5 } => "needs 2 to 5 steps",
            { Cues.Count: < 1 or > 2 } => "needs one or two form cues",
            { Minutes: < 1 or > 5 } => "needs an estimate of 1 to 5 minutes",
            { Dose.Sets: < 1 } => "needs at least one set",
            { Dose: { Reps: null, HoldSeconds: null } } => "needs reps or a hold time",
            { HarderVariant: { } v } when v.Name.Length == 0 || v.Source.Length == 0 => "has a harder variant without a name or a source",
            { HarderVariant: { } v } when v.Steps.Count is < 2 or > 5 => "has a harder variant that needs 2 to 5 steps",
            { HarderVariant: { Dose: { Reps: null, HoldSeconds: null } or { Sets: < 1 } } } => "has a harder variant that needs reps or a hold time and a set",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException($"Exercise '{e.Id}' {problem}.");
        }
    }

    private sealed record TranslationFile(string? Safety, Dictionary<string, TranslationRow>? Exercises);

    private sealed record TranslationRow(string? Name, List<string>? Steps, List<string>? Cues, string? Easier, string? Harder, TranslatedVariant? HarderVariant = null);

    private sealed record TranslatedVariant(string? Name, List<string>? Steps);

    private sealed record CatalogFile(string? Safety, List<ExerciseRow>? Exercises);

    private sealed record DoseRow(int? Reps, int? Sets, int? HoldSeconds, bool PerSide);

    private sealed record VariantRow(string? Name, DoseRow? Dose, List<string>? Steps, string? Source);

    private sealed record ExerciseRow(
        string? Id,
        string? Name,
        BodyFocus? Focus,
        ExerciseKind? Kind,
        DoseRow? Dose,
        List<string>? Steps,
        List<string>? Cues,
        string? Easier,
        string? Harder,
        int Minutes,
        bool PostRun,
        string? Source,
        bool DeepKneeBend = false,
        VariantRow? HarderVariant = null)
    {
        public Exercise ToExercise(string path)
        {
            if (Focus is null || Kind is null || Dose is null)
            {
                throw new InvalidDataException($"Exercise '{Id}' in '{path}' needs a focus, a kind and a dose.");
            }

            return new Exercise(
                Id ?? "",
                Name ?? "",
                Focus.Value,
                Kind.Value,
                new Dose(Dose.Reps, Dose.Sets ?? 1, Dose.HoldSeconds, Dose.PerSide),
                Steps ?? [],
                Cues ?? [],
                Easier,
                Harder,
                Minutes,
                PostRun,
                Source ?? "")
            {
                DeepKneeBend = DeepKneeBend,
                HarderVariant = HarderVariant is null ? null : new ExerciseVariant(
                    HarderVariant.Name ?? "",
                    HarderVariant.Dose is { } d ? new Dose(d.Reps, d.Sets ?? 1, d.HoldSeconds, d.PerSide) : new Dose(null, 0, null, false),
                    HarderVariant.Steps ?? [],
                    HarderVariant.Source ?? ""),
            };
        }
    }
}

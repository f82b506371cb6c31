using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;

namespace ChatCoach.Core.Tests.Routines;

public sealed class ExerciseCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-catalog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("forward-lunge", "002_5f2fea6c1b52d119.txt")]
    [InlineData("side-plank", "002_5f2fea6c1b52d119.txt")]
    [InlineData("single-leg-bridge", "002_5f2fea6c1b52d119.txt")]
    [InlineData("step-down", "002_5f2fea6c1b52d119.txt")]
    [InlineData("squat", "001_30c42076a844ec37.txt")]
    [InlineData("calf-raise", "001_30c42076a844ec37.txt")]
    [InlineData("static-leg-press", "001_30c42076a844ec37.txt")]
    [InlineData("leg-massage", "001_30c42076a844ec37.txt")]
    [InlineData("lunge-press", "004_8b028149a242ee6b.txt")]
    [InlineData("wall-heel-raise", "004_8b028149a242ee6b.txt")]
    [InlineData("forward-fold", "004_8b028149a242ee6b.txt")]
    [InlineData("front-bow", "004_8b028149a242ee6b.txt")]
    [InlineData("ankle-press", "004_8b028149a242ee6b.txt")]
    [InlineData("frog-rock", "000_7ddfa07d43795587.txt")]
    [InlineData("toe-kneel", "000_7ddfa07d43795587.txt")]
    public void Load_ShippedCatalogue_HasEveryExerciseFromTheArticles(string id, string source)
    {
        var exercise = RoutineTestData.Catalog[id];

        Assert.Equal(source, exercise.Source);
        Assert.InRange(exercise.Steps.Count, 2, 5);
        Assert.InRange(exercise.Cues.Count, 1, 2);
        Assert.False(string.IsNullOrWhiteSpace(exercise.Dose.Describe()));
    }

    [Fact]
    public void Load_ShippedCatalogue_SidePlankOffersTheBentKneeBeginnerForm()
    {
        Assert.Contains("knees", RoutineTestData.Catalog["side-plank"].Easier, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_ShippedCatalogue_SafetyNoteSaysToStopOnSharpPain()
    {
        Assert.Contains("sharp pain", RoutineTestData.Catalog.SafetyNote, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_ShippedCatalogue_SourcesAreKnownArticlesAndTextsAreOurOwnWords()
    {
        var known = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "sources.json"));
        Assert.All(RoutineTestData.Catalog.Exercises, e => Assert.Contains($"\"{e.Source}\"", known, StringComparison.Ordinal));

        // The articles themselves live outside the repo (the shared seeds); where they are at hand, check for copying:
        // any run of eight words shared with an article would be the article's sentence, not ours.
        var articles = FindSeeds()?.GetFiles("*.txt").Select(f => Normalise(File.ReadAllText(f.FullName))).ToList() ?? [];
        foreach (var exercise in RoutineTestData.Catalog.Exercises)
        {
            foreach (var text in exercise.Steps.Concat(exercise.Cues).Append(exercise.Easier ?? "").Append(exercise.Harder ?? ""))
            {
                var words = Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i + 8 <= words.Length; i++)
                {
                    var run = string.Join(' ', words[i..(i + 8)]);
                    Assert.DoesNotContain(articles, a => a.Contains(run, StringComparison.Ordinal));
                }
            }
        }
    }

    [Theory]
    [InlineData("""{ "safety": "stop", "exercises": [ { "id": "x", "name": "X", "focus": "hips", "kind": "strength", "dose": { "reps": 5 }, "steps": ["one"], "cues": ["c"], "minutes": 2, "source": "s" } ] }""", "2 to 5 steps")]
    [InlineData("""{ "safety": "stop", "exercises": [ { "id": "x", "name": "X", "focus": "elbows", "kind": "strength" } ] }""", "exercises.json")]
    [InlineData("""{ "safety": "stop", "exercises": [] }""", "no exercises")]
    [InlineData("not json", "exercises.json")]
    public void Load_BadFile_ThrowsWithAClearMessage(string json, string expected)
    {
        var path = Path.Combine(_directory, "exercises.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<InvalidDataException>(() => ExerciseCatalog.Load(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static string Normalise(string text) =>
        string.Join(' ', new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static DirectoryInfo? FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = new DirectoryInfo(Path.Combine(dir.FullName, "shared", "seeds"));
            if (seeds.Exists)
            {
                return seeds;
            }
        }

        return null;
    }
}

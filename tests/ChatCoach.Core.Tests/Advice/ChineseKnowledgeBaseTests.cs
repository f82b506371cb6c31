using System.Text.Json;
using System.Text.RegularExpressions;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>
/// The Chinese content (<c>data/knowledge/zh</c>, <c>data/exercises.zh.json</c>) pairs with the English by id: routing,
/// related entries and sources are shared, so an entry or exercise in one language only is a bug.
/// </summary>
public sealed partial class ChineseKnowledgeBaseTests
{
    private static readonly KnowledgeOptions Options = new();

    private static readonly Lazy<KnowledgeBase> English = new(() => KnowledgeBaseLoader.Load(Options.Path, Options.ResolveSourcesFile()));

    private static readonly Lazy<KnowledgeBase> Chinese = new(() => KnowledgeBaseLoader.Load(Path.Combine(Options.Path, "zh"), Options.ResolveSourcesFile()));

    [Fact]
    public void Load_ChineseFolder_HasATwinForEveryEnglishEntryAndNoOthers()
    {
        var english = English.Value.Entries.Select(e => e.Id).Order(StringComparer.Ordinal);
        var chinese = Chinese.Value.Entries.Select(e => e.Id).Order(StringComparer.Ordinal);

        Assert.Equal(english, chinese);
    }

    [Fact]
    public void Load_ChineseFolder_TwinsShareFileNameCategoryRelatedAndSources()
    {
        var chinese = Chinese.Value.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Assert.All(English.Value.Entries, en =>
        {
            Assert.True(chinese.TryGetValue(en.Id, out var zh), $"'{en.Id}' has no Chinese twin");
            Assert.Equal(Path.GetFileName(en.FileName), Path.GetFileName(zh.FileName));
            Assert.Equal(en.Category, zh.Category);
            Assert.Equal(en.Related, zh.Related);
            Assert.Equal(en.Sources, zh.Sources);
            Assert.Equal(en.AlsoGeneral, zh.AlsoGeneral);
        });
    }

    [Fact]
    public void Load_ChineseFolder_TitlesBodiesAndQuestionsAreInChinese()
    {
        Assert.All(Chinese.Value.Entries, zh =>
        {
            Assert.Matches(Han(), zh.Title);
            Assert.Matches(Han(), zh.Body);
            Assert.InRange(zh.Questions.Count, 5, 8);
            Assert.All(zh.Questions, q => Assert.Matches(Han(), q));
            Assert.Contains(zh.Tags, t => Han().IsMatch(t));
        });
    }

    [Fact]
    public void Load_ChineseFolder_KeepsEveryFigureOfTheEnglishBody()
    {
        // Doses, degrees, distances and percentages must not drift between the languages; the Chinese may add a
        // figure where the English spells a number out ("one metre" → "1 米"), but never drop or change one.
        var chinese = Chinese.Value.Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Assert.All(English.Value.Entries, en =>
        {
            var figures = Figure().Matches(chinese[en.Id].Body).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            Assert.All(Figure().Matches(en.Body).Select(m => m.Value), f => Assert.Contains(f, figures));
        });
    }

    [Fact]
    public void ExercisesZh_EveryCatalogueExerciseHasChineseTextsOfTheSameShape()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "exercises.zh.json")));
        var root = document.RootElement;
        Assert.Matches(Han(), root.GetProperty("safety").GetString() ?? "");

        var texts = root.GetProperty("exercises");
        var catalogue = RoutineTestData.Catalog.Exercises;
        Assert.Equal(
            catalogue.Select(e => e.Id).Order(StringComparer.Ordinal),
            texts.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(catalogue, en =>
        {
            var zh = texts.GetProperty(en.Id);
            Assert.Matches(Han(), zh.GetProperty("name").GetString() ?? "");
            Assert.Equal(en.Steps.Count, zh.GetProperty("steps").GetArrayLength());
            Assert.Equal(en.Cues.Count, zh.GetProperty("cues").GetArrayLength());
            Assert.All(zh.GetProperty("steps").EnumerateArray().Concat(zh.GetProperty("cues").EnumerateArray()), t => Assert.Matches(Han(), t.GetString() ?? ""));
            Assert.Equal(en.Easier is not null, zh.TryGetProperty("easier", out _));
            Assert.Equal(en.Harder is not null, zh.TryGetProperty("harder", out _));
        });
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Figure();
}

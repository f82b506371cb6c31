using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>The coaching texts have one text per culture for every key, with the same placeholders.</summary>
public sealed partial class CoachingTextsTests
{
    [Fact]
    public void Resources_EveryCoachingKeyInBothCulturesWithTheSamePlaceholders()
    {
        var english = TextsOf(CoachingTexts.Texts, CultureInfo.InvariantCulture);
        var chinese = TextsOf(CoachingTexts.Texts, CultureInfo.GetCultureInfo("zh"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.All(english, pair => Assert.True(
            Placeholders(pair.Value).SetEquals(Placeholders(chinese[pair.Key])),
            $"'{pair.Key}': the English has {{{string.Join("}, {", Placeholders(pair.Value))}}}, the Chinese {{{string.Join("}, {", Placeholders(chinese[pair.Key]))}}}"));
    }

    [Fact]
    public void Resources_ChineseTextsAreChineseAndNeverTheEnglishCopied()
    {
        var english = TextsOf(CoachingTexts.Texts, CultureInfo.InvariantCulture);
        var chinese = TextsOf(CoachingTexts.Texts, CultureInfo.GetCultureInfo("zh"));

        Assert.All(chinese, pair =>
        {
            Assert.NotEqual(english[pair.Key], pair.Value);
            Assert.Matches(Han(), pair.Value);
        });
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("zh-Hans")]
    public void Get_EveryChineseCulture_FallsBackToTheChineseTexts(string name)
    {
        Assert.Equal("欢迎回来 👋", CoachingTexts.Get("welcome.title", CultureInfo.GetCultureInfo(name)));
        Assert.Equal("Welcome back 👋", CoachingTexts.Get("welcome.title", Languages.EnglishCulture));
    }

    [Fact]
    public void Get_UnknownKey_SaysWhichTextIsMissing()
    {
        var error = Assert.Throws<System.Resources.MissingManifestResourceException>(() => CoachingTexts.Get("no.such.text", Languages.EnglishCulture));

        Assert.Contains("coaching text 'no.such.text'", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> TextsOf(ResourceTexts texts, CultureInfo culture)
    {
        var set = texts.Manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException("no resources for " + culture);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}

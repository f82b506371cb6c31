using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Advice.Semantic;

namespace ChatCoach.Core.Tests.Advice.Chinese;

/// <summary>The Chinese topic classifier (advice10): its features, its staleness check and its part in the ranking.</summary>
[Collection(SharedChineseKnowledgeBase.Name)]
public sealed class ChineseTopicClassifierTests(ChineseFixture fixture)
{
    [Fact]
    public void Shipped_IsTrainedOnTheNeighboursRowsAndTheEntryQuestions()
    {
        // The neighbours file and the classifier are written from the same spent sets (zh-neighbours, zh-classifier):
        // a set added to one and not the other, or an entry's questions edited, makes the fingerprint differ.
        var labelled = File.ReadAllLines(Path.Combine(RepositoryFile.Root, "data", "exemplars", "neighbours-zh.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (f[2], (IReadOnlyList<string>)f[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        var classifier = ChineseTopicClassifier.Shipped;

        Assert.NotNull(classifier);
        var rows = ChineseTopicClassifier.TrainingRows(labelled, fixture.Knowledge);
        Assert.Equal(TopicClassifier.FingerprintOf(rows.Select(r => (r.Text, r.Labels)), classifier.Lambda), classifier.Fingerprint);
        Assert.Equal(fixture.Knowledge.Entries.Select(e => e.Id), classifier.Classes);
    }

    [Fact]
    public void Tokens_HanCharactersOneByOne_LatinRunsWhole_PunctuationDropped()
    {
        Assert.Equal(["膝", "盖", "itb", "疼", "5", "km"], ChineseText.Tokens("膝盖itb疼！5 km"));
    }

    [Fact]
    public void Diagnose_AdviceReply_SaysWhatTheClassifierGave()
    {
        var diagnosis = fixture.Engine.Diagnose("膝盖外侧疼，下楼梯更明显怎么办");

        Assert.Equal("advice", diagnosis.Route);
        Assert.Contains(" classifier 0.", diagnosis.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Probabilities_FollowTheKnowledgeBaseOrder_AndSumToOne()
    {
        var classifier = ChineseTopicClassifier.Shipped!;

        var p = ChineseTopicClassifier.Probabilities(classifier, fixture.Knowledge.Entries, ChineseText.Normalize("跑完步膝盖前面疼"));

        Assert.Equal(fixture.Knowledge.Entries.Count, p.Length);
        Assert.Equal(1f, p.Sum(), 3);
    }
}

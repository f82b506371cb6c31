using ChatCoach.Core.Advice.Analysis;

namespace ChatCoach.Core.Tests.Advice;

[Collection(SharedKnowledgeBase.Name)]
public sealed class TypoCorrectorTests(KnowledgeFixture fixture)
{
    private TypoCorrector Corrector => fixture.Engine.Analysis.Corrector;

    [Theory]
    [InlineData("kneee", "knee")]
    [InlineData("knwe", "knee")]
    [InlineData("kne", "knee")]
    [InlineData("runing", "running")]
    [InlineData("streching", "stretching")]
    [InlineData("swolen", "swollen")]
    [InlineData("lockd", "locked")]
    [InlineData("bukled", "buckled")]
    [InlineData("numbnes", "numbness")]
    [InlineData("pian", "pain")]
    [InlineData("excersise", "exercise")]
    [InlineData("downstars", "downstairs")]
    public void Correct_CommonTypo_FindsTheWord(string typed, string expected)
    {
        Assert.Equal(expected, Corrector.Correct(typed));
    }

    [Theory]
    [InlineData("knee")]
    [InlineData("rain")]
    [InlineData("looks")]
    [InlineData("feel")]
    [InlineData("bake")]
    [InlineData("the")]
    [InlineData("ok")]
    [InlineData("xqzvw")]
    [InlineData("5k")]
    [InlineData("knee's")]
    [InlineData("supercalifragilisticexpialidocious")]
    public void Correct_KnownShortForeignOrHopelessWord_LeavesItAlone(string typed)
    {
        Assert.Null(Corrector.Correct(typed));
    }

    [Theory]
    [InlineData("knee", "knee", 0)]
    [InlineData("pian", "pain", 1)]
    [InlineData("kneee", "knee", 1)]
    [InlineData("knwe", "knee", 1)]
    [InlineData("strechign", "stretching", 2)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_CountsTranspositionAsOneEdit(string a, string b, int expected)
    {
        Assert.Equal(expected, TypoCorrector.Distance(a, b, cap: 2));
    }

    [Fact]
    public void Correct_ThroughTheAnalyzer_FeedsSynonymsAndStemming()
    {
        var words = AdviceAnalysis.Words(fixture.Engine.Analysis.Surface, "My KNEEE hurts when runing downstars");

        Assert.Equal(["my", "knee", "hurts", "when", "running", "downstairs"], words);
    }
}

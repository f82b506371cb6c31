using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ChatCoach.Core.Tests.Advice;

[Collection(SharedKnowledgeBase.Name)]
public sealed class KnowledgeIndexTests(KnowledgeFixture fixture)
{
    [Theory]
    [InlineData("my knee hurts going down stairs after a run")]
    [InlineData("what stretches help runner's knee")]
    [InlineData("should i ice my kneecap")]
    [InlineData("it band pain on the outside of the knee")]
    [InlineData("how fast can i add mileage")]
    public void Impacts_SummedPerTerm_EqualLuceneBooleanQueryScores(string question)
    {
        var index = fixture.Engine.Index;
        var terms = AdviceAnalysis.Words(fixture.Engine.Analysis.Index, question).Distinct().ToList();
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            foreach (var (field, boost) in KnowledgeIndex.Fields)
            {
                query.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
            }
        }

        var hits = index.Searcher.Search(query, index.Entries.Count).ScoreDocs;
        var expected = hits.ToDictionary(h => h.Doc, h => h.Score);
        var actual = new Dictionary<int, float>();
        foreach (var term in terms)
        {
            foreach (var impact in index.Impacts.GetValueOrDefault(term) ?? [])
            {
                actual[impact.Doc] = actual.GetValueOrDefault(impact.Doc) + impact.Score;
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, hit => Assert.Equal(hit.Value, actual[hit.Key], 0.0001f));
    }

    [Fact]
    public void Index_HoldsEveryEntryOnce()
    {
        Assert.Equal(
            fixture.Knowledge.Entries.Select(e => e.Id).Order(StringComparer.Ordinal),
            fixture.Engine.Index.Entries.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Runner's knee hurts when jogging downstairs", "patellofemor knee pain run stair")]
    [InlineData("IT band and kneecap soreness", "itb patella pain")]
    [InlineData("Icing after stretches", "ic stretch")]
    public void IndexAnalyzer_AppliesSynonymsStopWordsAndStemming(string text, string expected)
    {
        var terms = AdviceAnalysis.Words(fixture.Engine.Analysis.Index, text);

        Assert.Equal(expected.Split(' '), terms);
    }
}

using ChatCoach.Core.Advice.Chinese;

namespace ChatCoach.Core.Tests.Advice.Chinese;

[Collection(SharedChineseKnowledgeBase.Name)]
public sealed class ChineseNeighboursTests(ChineseFixture fixture)
{
    // The spent Chinese sets: the only rows the shipped neighbours may hold (a frozen set's rows would leak into it).
    private static readonly string[] SpentSets = ["zh-dev.tsv", "zh-test.tsv", "zh-test2.tsv", "zh-test3.tsv", "zh-test4.tsv", "zh-test5.tsv", "zh-test6.tsv", "zh-test7.tsv", "zh-dev2.tsv", "zh-test8.tsv"];

    [Fact]
    public void Shipped_HoldsOnlySpentSetsAdviceRowsWithRealEntries()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFile.Root, "data", "exemplars", "neighbours-zh.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToList();
        var ids = fixture.Knowledge.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(lines.Count, ChineseNeighbours.Shipped.Count);
        Assert.True(ChineseNeighbours.Shipped.K > 0 && ChineseNeighbours.Shipped.Weight > 0);
        Assert.All(lines, f => Assert.Contains(f[0].Split(':')[0], SpentSets));
        Assert.All(lines.SelectMany(f => f[1].Split(',')), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Vote_NearestLabelledMessages_ShareTheVote()
    {
        var neighbours = new ChineseNeighbours(
            [("下楼梯膝盖疼怎么办", ["causes-stairs-downhill"]), ("下楼梯的时候膝盖疼", ["causes-stairs-downhill"]), ("步频多少合适", ["form-cadence"])],
            k: 2, weight: 1f);

        var votes = neighbours.Vote(ChineseText.Normalize("下楼梯膝盖有点疼"));

        Assert.Equal(1f, votes["causes-stairs-downhill"], 3);
        Assert.False(votes.ContainsKey("form-cadence"));
    }

    [Fact]
    public void Diagnose_Neighbours_ReorderEntriesOnly()
    {
        // A neighbour labelled with another entry moves a question's answer to it; the screen and the scope do not read
        // the neighbours, so a warning sign stays urgent and a greeting stays declined.
        var question = "跑完膝盖酸，按摩有用吗";
        var bm25 = fixture.Engine.Diagnose(question, ChineseNeighbours.None);
        var other = fixture.Knowledge.Entries.First(e => e.Id != bm25.Reply.EntryIds[0]).Id;
        var neighbours = new ChineseNeighbours([(question, [other])], k: 1, weight: 5f);

        Assert.Equal("advice", bm25.Route);
        Assert.Equal(other, fixture.Engine.Diagnose(question, neighbours).Reply.EntryIds[0]);
        Assert.Equal("urgent", fixture.Engine.Diagnose("膝盖红肿，摸着烫手", neighbours).Route);
        Assert.Equal("unrelated", fixture.Engine.Diagnose("早上好呀各位", neighbours).Route);
    }

    [Fact]
    public void Parse_HeaderGivesKAndWeight()
    {
        var neighbours = ChineseNeighbours.Parse("# k=4 weight=0.25\nzh-dev.tsv:7\tform-cadence\t步频多少合适\n");

        Assert.Equal(4, neighbours.K);
        Assert.Equal(0.25f, neighbours.Weight);
        Assert.Equal(1, neighbours.Count);
    }
}

using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Conversation;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Tests.Advice.Chinese;

/// <summary>
/// The Chinese SmartCn index is built for the first message that needs it, not at start (issue 9): the screen in front
/// of it answers without it, the first question that needs it gets the same answer as a built engine, and however many
/// first questions arrive together it is built once. The knowledge itself is still read and checked at start.
/// </summary>
[Collection(SharedChineseKnowledgeBase.Name)]
public sealed class ChineseIndexOnFirstUseTests(ChineseFixture fixture)
{
    [Fact]
    public void New_Engine_HasNoIndexYet()
    {
        using var engine = new ChineseAdviceEngine(fixture.Knowledge);

        Assert.False(engine.IsIndexBuilt);
    }

    [Theory]
    [InlineData("膝盖突然卡住了，伸不直", ReplyKinds.Urgent)]
    [InlineData("膝蓋紅腫熱痛，還發燒38度5", ReplyKinds.Urgent)]
    [InlineData("早上好呀各位", ReplyKinds.Fallback)]
    [InlineData("半马想破五，配速该怎么安排", ReplyKinds.OffTopic)]
    public void Answer_ScreenedBeforeRetrieval_AnswersWithoutBuildingTheIndex(string message, string kind)
    {
        var built = 0;
        using var engine = new ChineseAdviceEngine(fixture.Knowledge, () => Interlocked.Increment(ref built));

        var reply = engine.Answer(message);

        Assert.Equal(kind, reply.Kind);
        Assert.False(engine.IsIndexBuilt);
        Assert.Equal(0, built);
    }

    [Fact]
    public void Answer_FirstQuestion_BuildsTheIndexAndAnswersAsABuiltEngine()
    {
        const string question = "跑步下楼梯时膝盖前面疼怎么办";
        var built = 0;
        using var engine = new ChineseAdviceEngine(fixture.Knowledge, () => Interlocked.Increment(ref built));

        var first = engine.Answer(question);

        Assert.True(engine.IsIndexBuilt);
        Assert.Equal(1, built);
        Assert.Equal(ReplyKinds.Advice, first.Kind);
        Assert.Equal(PlainTextRenderer.Render(fixture.Engine.Answer(question)), PlainTextRenderer.Render(first));
        Assert.Equal(PlainTextRenderer.Render(first), PlainTextRenderer.Render(engine.Answer(question)));
        Assert.Equal(1, built);
    }

    [Fact]
    public async Task Answer_ManyFirstQuestionsAtOnce_BuildTheIndexOnceAndAllAnswerTheSame()
    {
        string[] questions = ["跑步下楼梯时膝盖前面疼怎么办", "膝盖外侧疼，下楼梯更明显怎么办", "臀桥做几组合适", "膝盖突然卡住了，伸不直"];
        var built = 0;
        using var engine = new ChineseAdviceEngine(fixture.Knowledge, () => Interlocked.Increment(ref built));
        using var start = new ManualResetEventSlim();

        var answers = Enumerable.Range(0, 16)
            .Select(n => Task.Run(() =>
            {
                start.Wait();
                var question = questions[n % questions.Length];
                return (question, text: PlainTextRenderer.Render(engine.Answer(question)));
            }))
            .ToArray();
        start.Set();
        var results = await Task.WhenAll(answers);

        Assert.Equal(1, built);
        foreach (var (question, text) in results)
        {
            Assert.Equal(PlainTextRenderer.Render(fixture.Engine.Answer(question)), text);
        }
    }

    [Fact]
    public void LoadChineseEngine_MalformedChineseEntry_StillStopsTheStartNamingTheFile()
    {
        var root = Directory.CreateTempSubdirectory("chatcoach-zh-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "knowledge", ChineseKnowledge.FolderName)).Parent!.FullName;
            File.WriteAllText(Path.Combine(folder, ChineseKnowledge.FolderName, "broken-entry.md"), "---\nid: broken\ntitle: 坏了\n");

            var error = Assert.Throws<OptionsValidationException>(() => AdviceRegistration.LoadChineseEngine(new KnowledgeOptions { Path = folder }, fixture.English));

            Assert.Contains("broken-entry.md", Assert.Single(error.Failures), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

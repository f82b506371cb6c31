using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Advice.Chinese;

[Collection(SharedChineseKnowledgeBase.Name)]
public sealed class ChineseAdviceEngineTests(ChineseFixture fixture)
{
    [Fact]
    public void Answer_OuterKneeOnStairs_ChineseAdviceWithSource()
    {
        var reply = fixture.Engine.Answer("膝盖外侧疼，下楼梯更明显怎么办");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.Advice, reply.Kind);
        Assert.Contains(reply.EntryIds[0], new[] { "causes-outer-knee-pain", "causes-stairs-downhill" });
        Assert.Contains("来源：", text, StringComparison.Ordinal);
        Assert.Contains("不是医疗建议", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_TraditionalWarningSign_ChineseUrgentReply()
    {
        var reply = fixture.Engine.Answer("膝蓋紅腫熱痛，還發燒38度5");

        Assert.Equal(ReplyKinds.Urgent, reply.Kind);
        Assert.Equal("请马上就医", reply.Title);
    }

    [Fact]
    public void Answer_Greeting_DeclinedInChinese()
    {
        var reply = fixture.Engine.Answer("早上好呀各位");

        Assert.Equal(ReplyKinds.Fallback, reply.Kind);
        Assert.Equal("我可以帮你解决膝盖疼的问题", reply.Title);
    }

    [Theory]
    [InlineData("膝盖疼怎么办", MessageLanguage.Chinese)]
    [InlineData("膝蓋痛", MessageLanguage.Chinese)]
    [InlineData("my knee hurts on stairs", MessageLanguage.English)]
    [InlineData("跑完LSD膝盖疼", MessageLanguage.Chinese)]
    [InlineData("my IT band hurts after a long run, 髂胫束", MessageLanguage.English)]
    [InlineData("", MessageLanguage.English)]
    public void Detect_Script_GivesLanguage(string text, string expected) => Assert.Equal(expected, MessageLanguage.Detect(text));

    [Fact]
    public void LanguageAdviceEngine_ChineseMessage_GoesToTheChineseEngine()
    {
        var english = new RecordingEngine();
        var engine = new LanguageAdviceEngine(english, fixture.Engine);

        var reply = engine.Answer("下楼梯膝盖疼");
        engine.Answer("my knee hurts");

        Assert.Equal(ReplyKinds.Advice, reply.Kind);
        Assert.Equal(["my knee hurts"], english.Questions);
    }

    private sealed class RecordingEngine : IAdviceEngine
    {
        public List<string?> Questions { get; } = [];

        public Reply Answer(string? question)
        {
            Questions.Add(question);
            return Reply.Text("english");
        }
    }
}

using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatCoach.Core.Tests.Advice.Chinese;

/// <summary>A question with no letters to tell its language by (a bare <c>/ask</c>, emoji) is answered in the person's language.</summary>
[Collection(SharedChineseKnowledgeBase.Name)]
public sealed class ChineseAskTests(ChineseFixture fixture)
{
    private readonly InMemoryPersonStore _people = new();

    [Theory]
    [InlineData("/ask", "问我膝盖疼的问题吧")]
    [InlineData("😀😀😀", "我可以帮你解决膝盖疼的问题")]
    public async Task NoLetters_ChinesePerson_AnsweredInChinese(string text, string title)
    {
        var reply = await RouteAsync(Messages.Direct(text) with { PlatformLanguage = "zh-CN" });

        Assert.Equal(title, reply.Title);
    }

    [Fact]
    public async Task NoLetters_ChoseChineseOnAnEnglishApp_ChinesePrompt()
    {
        var message = Messages.Direct("/ask") with { PlatformLanguage = "en" };
        await _people.SaveLanguageAsync(message.Person, "zh", CancellationToken.None);

        var reply = await RouteAsync(message);

        Assert.Equal("问我膝盖疼的问题吧", reply.Title);
    }

    [Fact]
    public async Task NoLetters_EnglishPerson_EnglishEngine()
    {
        var reply = await RouteAsync(Messages.Direct("/ask") with { PlatformLanguage = "en-GB" });

        Assert.Equal(EnglishEngine.Title, reply.Title);
    }

    [Fact]
    public async Task EnglishWords_ChinesePerson_AnsweredInEnglish()
    {
        var reply = await RouteAsync(Messages.Direct("my knee hurts") with { PlatformLanguage = "zh-CN" });

        Assert.Equal(EnglishEngine.Title, reply.Title);
    }

    private async Task<Reply> RouteAsync(InboundMessage message)
    {
        var engine = new LanguageAdviceEngine(new EnglishEngine(), fixture.Engine);
        var router = new CommandRouter([new AskHandler(engine, new PersonCultures(_people))], NullLogger<CommandRouter>.Instance);
        return await router.RouteAsync(message, CancellationToken.None) ?? throw new InvalidOperationException("no reply");
    }

    /// <summary>Stands in for the English engine, whose own answers other tests cover: this test only asks which engine answered.</summary>
    private sealed class EnglishEngine : IAdviceEngine
    {
        public const string Title = "answered by the English engine";

        public Reply Answer(string? question) => Reply.Text(Title);
    }
}

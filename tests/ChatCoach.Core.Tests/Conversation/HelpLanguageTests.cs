using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatCoach.Core.Tests.Conversation;

/// <summary>/help in the person's language, its command lines from the handlers and the command resources.</summary>
public sealed class HelpLanguageTests
{
    private readonly InMemoryPersonStore _people = new();
    private readonly CommandRouter _router;

    public HelpLanguageTests()
    {
        var services = new CatalogProvider();
        var cultures = new PersonCultures(_people);
        _router = new CommandRouter([new HelpHandler(services, cultures), new LanguageHandler(_people, cultures)], NullLogger<CommandRouter>.Instance);
        services.Catalog = _router;
    }

    private async Task<Reply> HelpAsync(string? appLanguage, bool direct = true)
    {
        var message = (direct ? Messages.TelegramDirect("7", "Mei", "/help") : Messages.TelegramGroup("7", "Mei", "/help", "-100") with { IsAdmin = true }) with { PlatformLanguage = appLanguage };
        return await _router.RouteAsync(message, CancellationToken.None) ?? throw new InvalidOperationException("no help");
    }

    [Fact]
    public async Task Help_ChineseApp_EverythingInChinese()
    {
        var reply = await HelpAsync("zh-hans");

        var text = PlainTextRenderer.Render(reply);
        Assert.Equal("ChatCoach — 帮助", reply.Title);
        Assert.Contains("我是 ChatCoach，专为膝盖疼的跑者准备的跑步教练。", text, StringComparison.Ordinal);
        Assert.Contains("/help — 我能做什么、怎么提问", text, StringComparison.Ordinal);
        Assert.Contains("/language [zh|en] — 选择我和你说话的语言：中文或英文", text, StringComparison.Ordinal);
        Assert.Contains("以上是一般性信息，不是医疗建议。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("I'm ChatCoach", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EnglishApp_TheEnglishTextsAsBefore()
    {
        var reply = await HelpAsync("en-GB", direct: false);

        var text = PlainTextRenderer.Render(reply);
        Assert.Equal("ChatCoach — help", reply.Title);
        Assert.Contains("I'm ChatCoach, a running coach for sore knees. Mention me with a question, or use a command.", text, StringComparison.Ordinal);
        Assert.Contains("/help — What I can do and how to ask", text, StringComparison.Ordinal);
        Assert.Contains(MedicalNotice.Text, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ChoseEnglishOnAChineseApp_English()
    {
        await _people.SaveLanguageAsync(new PersonKey("telegram", "7"), "en", CancellationToken.None);

        var reply = await HelpAsync("zh");

        Assert.Equal("ChatCoach — help", reply.Title);
    }

    [Fact]
    public void Resources_EveryEnglishChatTextHasAChineseOne()
    {
        var english = TextsOf(Languages.EnglishCulture, tryParents: true);
        var chinese = TextsOf(System.Globalization.CultureInfo.GetCultureInfo("zh"), tryParents: false);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> TextsOf(System.Globalization.CultureInfo culture, bool tryParents)
    {
        var manager = new System.Resources.ResourceManager("ChatCoach.Core.Resources.ChatTexts", typeof(MedicalNotice).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents) ?? throw new InvalidOperationException("no resources for " + culture);
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    /// <summary>Hands the help handler the router as its catalog, as the host's container does.</summary>
    private sealed class CatalogProvider : IServiceProvider
    {
        public ICommandCatalog? Catalog { get; set; }

        public object? GetService(Type serviceType) => serviceType == typeof(ICommandCatalog) ? Catalog : null;
    }
}

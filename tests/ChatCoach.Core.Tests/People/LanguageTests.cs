using System.Text.Json;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;

namespace ChatCoach.Core.Tests.People;

/// <summary>A person's language: the platform's default, /language, and what linking, export and /forget do with it.</summary>
public sealed class LanguageTests
{
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    [Theory]
    [InlineData("zh", "zh")]
    [InlineData("zh-hans", "zh")]
    [InlineData("zh-CN", "zh")]
    [InlineData("zh-TW", "zh")]
    [InlineData("zh-Hant", "zh")]
    [InlineData("zh_TW", "zh")]
    [InlineData("ZH-cn", "zh")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("de", "en")]
    [InlineData("pt-BR", "en")]
    public void FromPlatformTag_Tags_ChineseOrEnglish(string tag, string expected) =>
        Assert.Equal(expected, Languages.FromPlatformTag(tag));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void FromPlatformTag_NoTag_IsNull(string? tag) => Assert.Null(Languages.FromPlatformTag(tag));

    [Fact]
    public async Task CultureOf_NothingKnown_IsEnglish()
    {
        var culture = await _world.Cultures.CultureOfAsync(PeopleWorld.From(Telegram, "/help"), CancellationToken.None);

        Assert.Equal("en", culture.Name);
    }

    [Fact]
    public async Task CultureOf_ChineseApp_IsSimplifiedChinese()
    {
        var message = PeopleWorld.From(Discord, "/help") with { PlatformLanguage = "zh-TW" };

        var culture = await _world.Cultures.CultureOfAsync(message, CancellationToken.None);

        Assert.Equal("zh-CN", culture.Name);
    }

    [Fact]
    public async Task Language_NoArgumentWithChineseApp_ShownInChineseWithItsSource()
    {
        _world.AppLanguages[Telegram] = "zh-hans";

        var text = await _world.TextAsync(Telegram, "/language");

        Assert.Contains("我现在用中文和你说话：按你的 Telegram 应用的语言设置。", text, StringComparison.Ordinal);
        Assert.Contains("/language en", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_NoArgumentNothingKnown_EnglishByDefault()
    {
        var text = await _world.TextAsync(Telegram, "/language");

        Assert.Contains("I speak English to you (the default).", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_ChooseEnglishOverAChineseApp_StoredAndWins()
    {
        _world.AppLanguages[Telegram] = "zh";

        var text = await _world.TextAsync(Telegram, "/language en");

        Assert.Contains("From now on I'll answer your commands in English", text, StringComparison.Ordinal);
        Assert.Equal("en", await _world.People.FindLanguageAsync(Telegram, CancellationToken.None));
        Assert.Contains("you chose it with /language", await _world.TextAsync(Telegram, "/language"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_ChooseChineseInChinese_AnsweredInChinese()
    {
        var text = await _world.TextAsync(Telegram, "/language 中文");

        Assert.Contains("好的，以后我用中文回复你的命令", text, StringComparison.Ordinal);
        Assert.Equal("zh", await _world.People.FindLanguageAsync(Telegram, CancellationToken.None));
    }

    [Fact]
    public async Task Language_Unknown_OneLineErrorInThePersonsLanguageNothingStored()
    {
        _world.AppLanguages[Telegram] = "zh-CN";

        var reply = await _world.SayAsync(Telegram, "/language klingon");

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Equal("没能完成", reply.Title);
        Assert.Contains("我不认识“klingon”这种语言。", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Null(await _world.People.FindLanguageAsync(Telegram, CancellationToken.None));
    }

    [Fact]
    public async Task Link_TyperChoseALanguage_TyperWinsAndTheReplySaysSo()
    {
        await _world.SayAsync(Telegram, "/language en");
        await _world.SayAsync(Discord, "/language zh");

        var text = await _world.LinkAsync(Telegram, Discord);

        Assert.Contains("语言：中文，用的是这个账号的选择（输入链接码的账号优先）。", text, StringComparison.Ordinal);
        Assert.Equal("zh", (await _world.Cultures.LanguageOfAsync(PeopleWorld.From(Telegram, "/help") with { LinkedPerson = Telegram }, CancellationToken.None)).Language);
        Assert.Equal("zh", await _world.People.FindLanguageAsync(Telegram, CancellationToken.None));
    }

    [Fact]
    public async Task Link_OnlyTheOtherChose_ItsLanguageKept()
    {
        await _world.SayAsync(Telegram, "/language zh");

        var text = await _world.LinkAsync(Telegram, Discord);

        Assert.Contains("语言：中文，来自你的另一个账号（这个账号没有选过）。", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_NeitherChose_NoLanguageLine()
    {
        var text = await _world.LinkAsync(Telegram, Discord);

        Assert.DoesNotContain("Language:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("语言", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyData_ChoseChinese_Exported()
    {
        await _world.SayAsync(Telegram, "/language zh");

        var reply = await _world.SayAsync(Telegram, "/mydata");

        using var json = JsonDocument.Parse(reply.Attachment!.Content);
        Assert.Equal("zh", json.RootElement.GetProperty("profile").GetProperty("language").GetString());
    }

    [Fact]
    public async Task Forget_ChoseChinese_LanguageDeleted()
    {
        await _world.SayAsync(Telegram, "/language zh");
        await _world.LinkAsync(Telegram, Discord);

        var ask = await _world.SayAsync(Discord, "/forget");
        var confirm = ask.Buttons.Single(b => b.Action.StartsWith("forget:", StringComparison.Ordinal));
        await _world.PressAsync(Discord, confirm.Action);

        Assert.Null(await _world.People.FindLanguageAsync(Telegram, CancellationToken.None));
        Assert.Null(await _world.People.FindLanguageAsync(Discord, CancellationToken.None));
    }
}

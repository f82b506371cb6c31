using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Tests.People;

/// <summary>
/// The people and platform replies (time zone, leaderboard, subscribe errors, linking, /mydata, /forget, the router's
/// errors) for a person whose app is in Chinese, through the real router; and the resource set's two cultures.
/// </summary>
public sealed partial class ChinesePeopleTextsTests
{
    // 2026-11-02 12:00 UTC is a Monday.
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    public ChinesePeopleTextsTests()
    {
        _world.AppLanguages[Telegram] = "zh-hans";
        _world.AppLanguages[Discord] = "zh-CN";
    }

    [Fact]
    public void Resources_EveryKeyInBothCultures_WithTheSamePlaceholders()
    {
        var english = TextsOf(CultureInfo.GetCultureInfo("en"), tryParents: true);
        var chinese = TextsOf(CultureInfo.GetCultureInfo("zh"), tryParents: false);

        Assert.True(english.Count > 50, $"only {english.Count} texts");
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.All(english, e => Assert.True(
            Placeholders(e.Value).SetEquals(Placeholders(chinese[e.Key])),
            $"{e.Key}: \"{e.Value}\" and \"{chinese[e.Key]}\" differ in placeholders"));
        Assert.All(chinese.Where(c => !c.Key.StartsWith("platform.", StringComparison.Ordinal) && c.Key is not ("lb.line" or "lb.line.today" or "tz.localTime")),
            c => Assert.Matches(HanCharacter(), c.Value));
    }

    [Fact]
    public async Task TimeZone_ChineseApp_ShownAndSetInChinese_WithChineseDates()
    {
        var shown = await _world.TextAsync(Telegram, "/timezone");
        var set = await _world.SayAsync(Telegram, "/timezone Asia/Shanghai");
        var wrong = await _world.TextAsync(Telegram, "/timezone Atlantis");

        Assert.Contains("还没有设置，所以你的每一天按 UTC 计算（现在是 11月2日 星期一 12:00）。", shown, StringComparison.Ordinal);
        Assert.Equal("时区已设置", set.Title);
        Assert.Contains("你的时区现在是 Asia/Shanghai，当地时间 11月2日 星期一 20:00。", PlainTextRenderer.Render(set), StringComparison.Ordinal);
        Assert.Equal("时区：Asia/Shanghai", set.Notice);
        Assert.Contains("没能完成", wrong, StringComparison.Ordinal);
        Assert.Contains("我认不出“Atlantis”是哪个时区", wrong, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("北京", "Asia/Shanghai")]
    [InlineData("北京时间", "Asia/Shanghai")]
    [InlineData("臺北", "Asia/Taipei")]
    [InlineData("香港", "Asia/Hong_Kong")]
    [InlineData("纽约", "America/New_York")]
    public async Task TimeZone_ChineseCityName_Understood(string typed, string zone)
    {
        var set = await _world.SayAsync(Telegram, "/timezone " + typed);

        Assert.Equal("时区：" + zone, set.Notice);
    }

    [Fact]
    public async Task TimeZone_Unknown_ChineseExamples()
    {
        var reply = await _world.SayAsync(Telegram, "/timezone 火星");

        Assert.Contains("/timezone 北京", Assert.Single(reply.Blocks.OfType<BulletList>()).Items);
    }

    [Fact]
    public async Task TimeZone_PosixId_ExplainedInChinese()
    {
        var text = await _world.TextAsync(Telegram, "/timezone Etc/GMT+5");

        Assert.Contains("Etc/GMT+5（即 UTC−05:00：Etc/GMT 时区的正负号按 POSIX 规定，与 UTC 偏移正好相反）", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_ChineseApp_TitleLinesAndLegendInChinese()
    {
        await _world.SayAsync(Telegram, "/done", group: "-300");

        var board = await _world.SayAsync(Telegram, "/leaderboard", group: "-300");
        var empty = await _world.SayAsync(Telegram, "/leaderboard", group: "-301");

        Assert.Equal("排行榜 — 本群", board.Title);
        Assert.Equal("1. Ana — 1 天 🔥 ✅", Assert.Single(Assert.Single(board.Blocks.OfType<BulletList>()).Items));
        Assert.Contains("✅ = 今天已完成。", PlainTextRenderer.Render(board), StringComparison.Ordinal);
        Assert.Contains("本群还没有人在连续打卡。", PlainTextRenderer.Render(empty), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subscribe 25:00", "“25:00”不是我能看懂的时间。")]
    [InlineData("/subscribe 07:00 08:00", "只能写一个时间、最多一个重点")]
    [InlineData("/subscribe knees", "我不认识“knees”这个重点。")]
    public async Task Subscribe_BadArguments_ChineseApp_ErrorInChinese(string command, string expected)
    {
        var reply = await _world.SayAsync(Telegram, command);

        Assert.Equal("没能完成", reply.Title);
        Assert.Contains(expected, PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAndUnsubscribe_NotAnAdmin_ChineseApp_RefusedInChinese()
    {
        var message = PeopleWorld.From(Telegram, "/unsubscribe", group: "-300") with { IsAdmin = false, PlatformLanguage = "zh-hans" };

        var unsubscribe = await _world.Router.RouteAsync(message, CancellationToken.None);
        var subscribe = await _world.Router.RouteAsync(message with { Text = "/subscribe" }, CancellationToken.None);

        Assert.Contains("只有本群管理员才能在这里停止每日推送。", PlainTextRenderer.Render(unsubscribe!), StringComparison.Ordinal);
        Assert.Contains("只有本群管理员才能在这里设置每日推送。", PlainTextRenderer.Render(subscribe!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_ChineseApp_StoppedOrNothingToStop_InChinese()
    {
        await _world.SayAsync(Telegram, "/subscribe 07:00");

        var stopped = await _world.TextAsync(Telegram, "/unsubscribe");
        var again = await _world.TextAsync(Telegram, "/unsubscribe");

        Assert.Contains("已停止：本群不再发送每日练习。", stopped, StringComparison.Ordinal);
        Assert.Contains("本群没有订阅每日练习", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkWhoAmIUnlink_ChineseApps_EveryStepInChinese()
    {
        var code = await _world.SayAsync(Telegram, "/link");
        var wrong = await _world.TextAsync(Discord, "/link ZZZZ9999");
        var linked = await _world.TextAsync(Discord, "/link " + ((Paragraph)code.Blocks[0]).Text);
        var whoami = await _world.TextAsync(Discord, "/whoami");
        var unlinked = await _world.TextAsync(Discord, "/unlink");
        var alone = await _world.TextAsync(Discord, "/unlink");

        Assert.Equal("你的关联码", code.Title);
        Assert.Contains("请在 10 分钟内，用你的另一个账号", PlainTextRenderer.Render(code), StringComparison.Ordinal);
        Assert.Contains("关联码不对（这个小时还能再试 4 次）。", wrong, StringComparison.Ordinal);
        Assert.Contains("账号已关联 🔗", linked, StringComparison.Ordinal);
        Assert.Contains("Discord 账号 555000111222333444（当前账号）", linked, StringComparison.Ordinal);
        Assert.Contains("时区：UTC（两个账号都没有设置", linked, StringComparison.Ordinal);
        Assert.Contains("已关联的账号（共用连续天数）：", whoami, StringComparison.Ordinal);
        Assert.Contains("Telegram 账号 100", whoami, StringComparison.Ordinal);
        Assert.Contains("不再和当前账号关联：", unlinked, StringComparison.Ordinal);
        Assert.Contains("这个账号没有和别的账号关联。", alone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDataAndForget_ChineseApp_AskButtonAndCountsInChinese()
    {
        await _world.SayAsync(Telegram, "/done");

        var inGroup = await _world.TextAsync(Telegram, "/mydata", group: "-300");
        var data = await _world.SayAsync(Telegram, "/mydata");
        var ask = await _world.SayAsync(Telegram, "/forget");
        var notMine = await _world.PressAsync(Telegram, "forget:yes 999");
        var forgotten = await _world.SayAsync(Telegram, "/forget yes");

        Assert.Contains("/mydata 只能在和我的私聊里用", inGroup, StringComparison.Ordinal);
        Assert.Equal("你的数据", data.Title);
        Assert.NotNull(data.Attachment);
        Assert.Equal("删除关于你的全部数据？", ask.Title);
        Assert.Equal("是的，全部删除", Assert.Single(ask.Buttons).Label);
        Assert.Contains("这个按钮是别人的 /forget。", PlainTextRenderer.Render(notMine), StringComparison.Ordinal);
        Assert.Equal("已删除", forgotten.Title);
        var deleted = Assert.Single(forgotten.Blocks.OfType<BulletList>());
        Assert.Equal("已删除：", deleted.Heading);
        Assert.Contains("1 个账号", deleted.Items);
        Assert.Contains("1 个完成的日子", deleted.Items);
        Assert.Contains("0 个提醒", deleted.Items);
        Assert.Contains("运营者做的备份里仍有你的数据", PlainTextRenderer.Render(forgotten), StringComparison.Ordinal);
        Assert.Contains("已删除：\n• 1 个账号", PlainTextRenderer.Render(forgotten), StringComparison.Ordinal); // one colon, full width
    }

    [Fact]
    public async Task UnknownCommand_ChineseApp_AnsweredInChinese_EnglishAppInEnglish()
    {
        var chinese = await _world.TextAsync(Telegram, "/fly");
        _world.AppLanguages[Telegram] = "en";
        var english = await _world.TextAsync(Telegram, "/fly");

        Assert.Contains("我不认识“fly”这个命令。", chinese, StringComparison.Ordinal);
        Assert.Contains("发送 /help 看看我能做什么。", chinese, StringComparison.Ordinal);
        Assert.Contains("I don't know the command \"fly\".", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Also try", "Also try:")]
    [InlineData("Deleted:", "Deleted:")]
    [InlineData("也可以看看", "也可以看看：")]
    [InlineData("已删除：", "已删除：")]
    public void PlainText_ListHeading_EndsInOneColonOfItsScript(string heading, string shown)
    {
        var text = PlainTextRenderer.Render(new Reply { Blocks = [new BulletList(["x"], heading)] });

        Assert.Equal(shown + "\n• x", text);
    }

    [Fact]
    public async Task ChoseChinese_OnAnEnglishApp_PeopleRepliesInChinese()
    {
        _world.AppLanguages[Telegram] = "en";
        await _world.SayAsync(Telegram, "/language zh");

        var whoami = await _world.SayAsync(Telegram, "/whoami");

        Assert.Equal("你在这里的身份", whoami.Title);
    }

    private static Dictionary<string, string> TextsOf(CultureInfo culture, bool tryParents)
    {
        var manager = new ResourceManager("ChatCoach.Core.Resources.PeopleTexts", typeof(PeopleTexts).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents) ?? throw new InvalidOperationException("no resources for " + culture);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}

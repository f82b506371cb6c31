using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

/// <summary>Routine, Done, streak and subscribe through the router for a person whose app is in Chinese, and the daily post.</summary>
public sealed class ChineseConversationTests
{
    // 2026-11-02 is a Monday: 11月2日 星期一.
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    public ChineseConversationTests() => _world.AppLanguages[Telegram] = "zh-hans";

    [Fact]
    public async Task Routine_ChineseApp_ExercisesTitleDoseAndButtonInChinese()
    {
        var reply = await _world.SayAsync(Telegram, "/routine hips");

        Assert.Equal("11月2日 星期一 的练习 · 髋部", reply.Title);
        Assert.Equal("完成 ✅", Assert.Single(reply.Buttons).Label);
        Assert.Equal(RoutineReplies.DoneAction, reply.Buttons[0].Action);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("分钟", text, StringComparison.Ordinal);
        Assert.Contains("要点：", text, StringComparison.Ordinal);
        Assert.Contains(RoutineTestData.Catalog.Chinese!.SafetyNote, text, StringComparison.Ordinal);
        Assert.Contains(" 次", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Form:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reps", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routine_ChineseApp_EveryExerciseNamedAsInTheChineseCatalogue()
    {
        var reply = await _world.SayAsync(Telegram, "/routine");

        var headings = reply.Blocks.OfType<BulletList>().Select(b => b.Heading!).ToList();
        Assert.NotEmpty(headings);
        var names = RoutineTestData.Catalog.Chinese!.Exercises.Select(e => e.Name).ToList();
        Assert.All(headings, h => Assert.Contains(names, n => h.Contains(n, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Routine_EnglishApp_Unchanged()
    {
        _world.AppLanguages[Telegram] = "en";

        var reply = await _world.SayAsync(Telegram, "/routine hips");

        Assert.Equal("Routine for Mon 2 Nov · hips", reply.Title);
        Assert.Equal(RoutineReplies.DoneButton, Assert.Single(reply.Buttons));
    }

    [Fact]
    public async Task Routine_ChineseAppInAGroup_CompactPostInChinese()
    {
        var reply = await _world.SayAsync(Telegram, "/routine hips", group: "-300");

        Assert.Equal("11月2日 星期一 的练习 · 髋部", reply.Title);
        Assert.Equal(["完成 ✅", "怎么做 📋"], reply.Buttons.Select(b => b.Label));
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("做完了？点“完成”。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("要点：", text, StringComparison.Ordinal);
        var names = RoutineTestData.Catalog.Chinese!.Exercises.Select(e => e.Name).ToList();
        Assert.All(Assert.Single(reply.Blocks.OfType<BulletList>()).Items, line => Assert.Contains(names, n => line.Contains(n, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DoneThenStreak_ChineseApp_DayCountedInChinese()
    {
        var done = await _world.SayAsync(Telegram, "/done");
        var again = await _world.SayAsync(Telegram, "/done");
        var streak = PlainTextRenderer.Render(await _world.SayAsync(Telegram, "/streak"));

        Assert.Equal("第 1 天 🔥", done.Title);
        Assert.Contains("已打卡，你现在是第 1 天。干得好！", PlainTextRenderer.Render(done), StringComparison.Ordinal);
        Assert.Contains("你还没有设置时区，所以天数按 UTC 计算。", PlainTextRenderer.Render(done), StringComparison.Ordinal);
        Assert.Equal("今天已完成", again.Title);
        Assert.Equal("已经打过卡了，第 1 天 🔥", again.Notice);
        Assert.Contains("当前连续：1 天 🔥", streak, StringComparison.Ordinal);
        Assert.Contains("累计：1 天", streak, StringComparison.Ordinal);
        Assert.Contains("持有冻结：0/", streak, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ChineseSubscriber_StoredChineseRepliedInChinese()
    {
        var text = await _world.TextAsync(Telegram, "/subscribe 07:30", group: "-300");

        Assert.Equal("zh", Assert.Single(_world.Subscriptions.All).Language);
        Assert.Contains("订阅成功：每天 07:30 在这里发送一套均衡的练习。", text, StringComparison.Ordinal);
        Assert.Contains("下次推送：明天，11月3日 星期二 07:30。", text, StringComparison.Ordinal);
        Assert.Contains("推送使用中文", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ChineseSubscriberAsksForEnglish_EnglishPostsStored()
    {
        await _world.SayAsync(Telegram, "/subscribe 07:30 en ankles", group: "-300");

        var subscription = Assert.Single(_world.Subscriptions.All);
        Assert.Equal("en", subscription.Language);
        Assert.Equal("ankles", subscription.Focus);
    }

    [Fact]
    public async Task Subscribe_EnglishSubscriber_EnglishWithoutALanguageLine()
    {
        _world.AppLanguages[Telegram] = "en-US";

        var text = await _world.TextAsync(Telegram, "/subscribe 07:30", group: "-300");

        Assert.Equal("en", Assert.Single(_world.Subscriptions.All).Language);
        Assert.Contains("Subscribed: a balanced routine in this chat every day at 07:30.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Posts are in", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_TwoLanguages_RefusedNothingStored()
    {
        var reply = await _world.SayAsync(Telegram, "/subscribe 07:30 zh en", group: "-300");

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Empty(_world.Subscriptions.All);
    }

    [Fact]
    public async Task DailyPost_ChineseSubscription_PostedInChinese()
    {
        await _world.SayAsync(Telegram, "/subscribe 07:00 zh", group: "-300");
        var sender = new RecordingChatSender(_world.Time);
        var runner = new DailyPostRunner(
            _world.Subscriptions,
            new InMemoryDeliveryLog(),
            [sender],
            new RoutinePlanner(RoutineTestData.Catalog),
            RoutineTestData.Catalog,
            _world.Time,
            Options.Create(new SchedulerOptions()),
            NullLogger<DailyPostRunner>.Instance);

        _world.Advance(TimeSpan.FromHours(19)); // 07:00 UTC the next day
        await runner.RunDueAsync(CancellationToken.None);

        var (_, _, post) = Assert.Single(sender.Sent);
        // A group post: the compact form, in Chinese.
        Assert.Equal("11月3日 星期二 的练习", post.Title);
        Assert.Equal(["完成 ✅", "怎么做 📋"], post.Buttons.Select(b => b.Label));
        Assert.Contains("做完了？点“完成”。", PlainTextRenderer.Render(post), StringComparison.Ordinal);
    }

    [Fact]
    public void Dose_Chinese_OneTextPerShape()
    {
        var culture = ChatCoach.Core.People.Languages.ChineseCulture;

        Assert.Equal("10 次 × 2 组，每侧", new Dose(10, 2, null, true).DescribeIn(culture));
        Assert.Equal("保持 30 秒", new Dose(null, 1, 30, false).DescribeIn(culture));
        Assert.Equal("5 次，每次保持 5 秒", new Dose(5, 1, 5, false).DescribeIn(culture));
        Assert.Equal(new Dose(10, 2, null, true).Describe(), new Dose(10, 2, null, true).DescribeIn(ChatCoach.Core.People.Languages.EnglishCulture));
    }
}

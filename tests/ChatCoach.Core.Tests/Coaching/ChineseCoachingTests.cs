using ChatCoach.Charts;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using SkiaSharp;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>
/// The coaching replies for a person whose app is in Chinese (<c>zh-CN</c>) through the real handlers, services and
/// reminder runner on in-memory stores and fake time; and that a person whose app is in English keeps the English.
/// </summary>
public sealed class ChineseCoachingTests
{
    private static readonly PersonKey Mei = new("telegram", "42");

    // Tuesday 24 November 2026, 09:00 in Shanghai (01:00 UTC).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryPauseStore _pauses = new();
    private readonly InMemoryCheckInStore _checkIns = new();
    private readonly InMemoryReminderStore _reminders = new();
    private readonly InMemoryProgressionStore _progressionStore = new();
    private readonly InMemoryCompletionStore _completions;
    private readonly StreakService _streaks;
    private readonly PersonClock _zones;
    private readonly PauseService _pauseService;
    private readonly CoachingService _coaching;
    private readonly PersonCultures _cultures;
    private readonly RecordingChatSender _sender;

    public ChineseCoachingTests()
    {
        var summaries = new InMemoryStreakSummaryStore();
        _completions = new InMemoryCompletionStore(summaries);
        _streaks = new StreakService(_completions, summaries, new InMemoryStreakActivityStore(), _people, _time, _pauses);
        _zones = new PersonClock(_people, _time);
        _pauseService = new PauseService(_pauses, _zones);
        _coaching = new CoachingService(_checkIns, _zones);
        _cultures = new PersonCultures(_people);
        _sender = new RecordingChatSender(_time);
        _people.SaveAsync(new PersonProfile(Mei, "Mei", "Asia/Shanghai"), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>What the person's app reports; <c>en</c> for the English checks.</summary>
    private string AppLanguage { get; set; } = "zh-CN";

    private ReminderRunner Runner => new(_reminders, _completions, _pauses, _zones, [_sender], Options.Create(new SchedulerOptions()), NullLogger<ReminderRunner>.Instance, _cultures);

    private async Task<Reply> SayAsync(string text, bool direct = true)
    {
        var message = (direct ? Messages.TelegramDirect("42", "Ann", text) : Messages.DiscordChannel("42", "Ann", text, "-1001", "guild-7", isAdmin: false)) with { PlatformLanguage = AppLanguage };
        var command = text.TrimStart('/').Split(' ')[0];
        var progression = new ProgressionService(_progressionStore, _completions, _checkIns, _zones);
        ICommandHandler handler = command switch
        {
            "pain" => new PainHandler(_coaching, _cultures),
            "pause" => new PauseHandler(_pauseService, _cultures),
            "resume" => new ResumeHandler(_pauseService, cultures: _cultures),
            "remind" => new ReminderHandler(new ReminderService(_reminders, _zones), _cultures),
            "done" => new DoneHandler(_streaks, _coaching, _pauseService, cultures: _cultures),
            "routine" => new RoutineHandler(new RoutinePlanner(RoutineTestData.Catalog), RoutineTestData.Catalog, _zones, _coaching, progression, _cultures),
            "progress" => new ProgressHandler(new ProgressService(_completions, _checkIns, _zones, _pauses), cultures: _cultures),
            _ => throw new ArgumentException(text),
        };
        return await handler.HandleAsync(RoutineTestData.Request(message, command), CancellationToken.None);
    }

    private async Task<string> TextAsync(string text, bool direct = true) => PlainTextRenderer.Render(await SayAsync(text, direct));

    [Fact]
    public async Task Pain_Chinese_TitleNoticeAndTheDateInChinese()
    {
        var reply = await SayAsync("/pain 3");
        var again = PlainTextRenderer.Render(await SayAsync("/pain 2"));

        Assert.Equal("自评已记录", reply.Title);
        Assert.Equal("已记录：3/10", reply.Notice);
        Assert.Contains("已记录：11月24日 星期二，3/10。当天结束前都可以修改。", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Contains("（替换了今天之前的自评）", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pain_English_Unchanged()
    {
        AppLanguage = "en";

        var reply = await SayAsync("/pain 3");

        Assert.Equal("Check-in saved", reply.Title);
        Assert.Equal("Noted: 3/10", reply.Notice);
        Assert.Contains("Noted: 3/10 for Tue 24 Nov. You can change it until the day ends.", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pain_ChineseBadFigure_OneChineseError()
    {
        var reply = await SayAsync("/pain 11");

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Equal("没能完成", reply.Title);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("疼痛用 0（不疼）到 10（最疼）的整数表示，例如 /pain 3。", text, StringComparison.Ordinal);
        Assert.Contains("/pain 5 — 明显疼", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pain_HighTwiceInChinese_GentleTomorrowAndThePhysioSuggestionInChinese()
    {
        await SayAsync("/pain 6");
        _time.Advance(TimeSpan.FromDays(1));

        var text = await TextAsync("/pain 7");
        var group = await TextAsync("/pain 7", direct: false);

        Assert.Contains("明天你在这里收到的练习会是温和版", text, StringComparison.Ordinal);
        Assert.Contains("建议去看一下康复师或运动医学科医生", text, StringComparison.Ordinal);
        Assert.Contains("谢谢，已记录，只有你自己能看到。", group, StringComparison.Ordinal);
        Assert.Contains("私聊我发送 /routine", group, StringComparison.Ordinal);
        Assert.DoesNotContain("7/10", group, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_Chinese_PainButtonsLabelledInChineseWithTheSameActions()
    {
        var chinese = await SayAsync("/done");
        AppLanguage = "en";
        var english = await SayAsync("/done");

        Assert.Equal(["0–1 不疼", "2–3 微疼", "4–5 较疼", "6+ 很疼"], chinese.Buttons.Select(b => b.Label));
        Assert.Equal(CoachingTexts.PainButtons.Select(b => b.Action), chinese.Buttons.Select(b => b.Action));
        Assert.Contains("今天膝盖感觉怎么样？", PlainTextRenderer.Render(chinese), StringComparison.Ordinal);
        Assert.Equal(["0–1", "2–3", "4–5", "6+"], english.Buttons.Select(b => b.Label));
    }

    [Fact]
    public async Task PauseThenResume_Chinese_PausedUntilAChineseDateThenWelcomeBackInChinese()
    {
        var paused = await SayAsync("/pause 3");
        var resumed = await SayAsync("/resume");
        var again = await SayAsync("/resume");

        Assert.Equal("连续天数已暂停 ⏸️", paused.Title);
        Assert.Contains("暂停到 11月26日 星期四（按你当地的日期）。", PlainTextRenderer.Render(paused), StringComparison.Ordinal);
        Assert.Equal("暂停到 11月26日", paused.Notice);
        Assert.Equal("欢迎回来 👋", resumed.Title);
        Assert.Contains("慢慢恢复：在平路上跑短距离的轻松跑", PlainTextRenderer.Render(resumed), StringComparison.Ordinal);
        Assert.Equal("没有在暂停", again.Title);
    }

    [Fact]
    public async Task Pause_ChineseTooLong_ChineseErrorAndNoPause()
    {
        var reply = await SayAsync("/pause 40");

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("暂停可以是 1 到 28 天，例如 /pause 7。", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Empty((await _pauses.GetAsync(Mei, CancellationToken.None)).Pauses);
    }

    [Fact]
    public void WelcomeBack_ChineseKnowledge_TheChineseReturnStepsEnglishForEnglish()
    {
        var options = new KnowledgeOptions();
        var english = KnowledgeBaseLoader.Load(options.FullPath, options.ResolveSourcesFile());
        var chinese = ChineseKnowledge.Load(options.FullPath, english);

        var zh = PlainTextRenderer.Render(WelcomeBack.Build(chinese, Languages.ChineseCulture));
        var en = WelcomeBack.Build(english, Languages.EnglishCulture);

        Assert.Contains("暂停结束了，连续天数从你离开的地方接着算。", zh, StringComparison.Ordinal);
        Assert.Contains("跑量慢慢加", zh, StringComparison.Ordinal);
        Assert.Equal("Welcome back 👋", en.Title);
        Assert.Equal([WelcomeBack.EntryId], en.EntryIds);
        Assert.DoesNotContain("跑", PlainTextRenderer.Render(en), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_Chinese_RepliesInChineseAndTheNudgeGoesOutInChinese()
    {
        var set = await SayAsync("/remind 19:30");
        var shown = await TextAsync("/remind");
        var group = await SayAsync("/remind 19:30", direct: false);
        var bad = await TextAsync("/remind soon");

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 11, 30, 0, TimeSpan.Zero)); // 19:30 in Shanghai
        await Runner.RunDueAsync(CancellationToken.None);

        Assert.Equal("提醒已设置 ⏰", set.Title);
        Assert.Contains("当地时间 19:30 提醒你，每天最多一次。第一次：11月24日 星期二", PlainTextRenderer.Render(set), StringComparison.Ordinal);
        Assert.Contains("你的提醒：当地时间 19:30", shown, StringComparison.Ordinal);
        Assert.Equal("提醒只发给你自己", group.Title);
        Assert.Contains("“soon”不是一个时间。", bad, StringComparison.Ordinal);
        Assert.Equal("zh", (await _reminders.GetAsync(Mei, CancellationToken.None))?.Language);
        var (chat, _, nudge) = Assert.Single(_sender.Sent);
        Assert.Equal(new ChatAddress("telegram", "42"), chat);
        Assert.Equal("别断了连续天数 ⏰", nudge.Title);
        Assert.Contains("今天的练习还没做。", PlainTextRenderer.Render(nudge), StringComparison.Ordinal);
        Assert.Equal("完成 ✅", Assert.Single(nudge.Buttons).Label);
        Assert.Equal(RoutineReplies.DoneAction, nudge.Buttons[0].Action);
    }

    [Fact]
    public async Task Remind_ChineseAppButEnglishChosenLater_TheNudgeFollowsTheChoice()
    {
        await SayAsync("/remind 19:30");
        await _people.SaveLanguageAsync(Mei, Languages.English, CancellationToken.None);

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 11, 30, 0, TimeSpan.Zero));
        await Runner.RunDueAsync(CancellationToken.None);

        var nudge = Assert.Single(_sender.Sent).Reply;
        Assert.Equal(ReminderRunner.Title, nudge.Title);
        Assert.Equal(RoutineReplies.DoneButton, Assert.Single(nudge.Buttons));
    }

    [Fact]
    public async Task Remind_English_ReplyAndNudgeUnchanged()
    {
        AppLanguage = "en";

        var set = await TextAsync("/remind 19:30");
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 11, 30, 0, TimeSpan.Zero));
        await Runner.RunDueAsync(CancellationToken.None);

        Assert.Contains("I'll nudge you at 19:30 your time on days you haven't pressed Done yet (not while paused), at most once a day. First one: Tue 24 Nov, if needed.", set, StringComparison.Ordinal);
        var nudge = Assert.Single(_sender.Sent).Reply;
        Assert.Equal(PlainTextRenderer.Render(ReminderRunner.Nudge), PlainTextRenderer.Render(nudge));
        Assert.Contains("Today's routine isn't done yet — 10 to 15 minutes keeps your streak going.", PlainTextRenderer.Render(nudge), StringComparison.Ordinal);
        Assert.Equal(RoutineReplies.DoneButton, Assert.Single(nudge.Buttons));
    }

    [Fact]
    public async Task Routine_ChineseAfterASoreCheckIn_TheGentlerRoutineInChinese()
    {
        await SayAsync("/pain 5");
        _time.Advance(TimeSpan.FromDays(1));

        var reply = await SayAsync("/routine");

        Assert.Equal("11月25日 星期三 的温和版练习", reply.Title);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("你的膝盖最近有些疼，所以今天是温和版", text, StringComparison.Ordinal);
        Assert.Contains(RoutineTestData.Catalog.Chinese!.SafetyNote, text, StringComparison.Ordinal);
        Assert.Contains("跑步时：疼痛保持在 10 分里的 2 分左右或以下", text, StringComparison.Ordinal);
        Assert.Contains("要点：", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Form:", text, StringComparison.Ordinal);
        var names = RoutineTestData.Catalog.Chinese.Exercises.Select(e => e.Name).ToList();
        Assert.All(reply.Blocks.OfType<BulletList>(), b => Assert.Contains(names, n => b.Heading!.Contains(n, StringComparison.Ordinal)));
        Assert.Equal("完成 ✅", Assert.Single(reply.Buttons).Label);
    }

    [Fact]
    public async Task Routine_Chinese_NamedByWeekAndLevelInChinese()
    {
        var reply = await SayAsync("/routine");

        Assert.EndsWith(" — 第 1 周，第 1 级", reply.Title, StringComparison.Ordinal);
        Assert.Contains("你的剂量：第 1 级（共 4 级）。", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void AtLevel_TopLevelInChinese_TheTranslatedHarderVariantAndTheWayBackInChinese()
    {
        var chinese = RoutineTestData.Catalog.Chinese!;
        var lunge = chinese["forward-lunge"];

        var top = ProgressionRules.AtLevelIn(lunge, ProgressionRules.MaxLevel, Languages.ChineseCulture);
        var english = ProgressionRules.AtLevel(RoutineTestData.Catalog["forward-lunge"], ProgressionRules.MaxLevel);

        Assert.Equal("慢速前弓步（底部停顿）", top.Name);
        Assert.Equal(RoutineTestData.Catalog["forward-lunge"].HarderVariant!.Dose, top.Dose);
        Assert.All(top.Steps, s => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", s));
        Assert.Equal("退回到前弓步（10 次 × 2 组，每侧）。", top.Easier);
        Assert.Equal("Slow lunge with a pause", english.Name);
        Assert.StartsWith("Go back to the forward lunge (", english.Easier, StringComparison.Ordinal);
    }

    [Fact]
    public void ChineseCatalogue_EveryHarderVariantTranslated_DoseAndSourceShared()
    {
        var english = RoutineTestData.Catalog;
        var withVariant = english.Exercises.Where(e => e.HarderVariant is not null).ToList();

        Assert.NotEmpty(withVariant);
        Assert.All(withVariant, e =>
        {
            var translated = english.Chinese![e.Id].HarderVariant!;
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", translated.Name);
            Assert.Equal(e.HarderVariant!.Steps.Count, translated.Steps.Count);
            Assert.Equal(e.HarderVariant.Dose, translated.Dose);
            Assert.Equal(e.HarderVariant.Source, translated.Source);
        });
    }

    [Fact]
    public async Task Routine_ChineseErrors_InChineseAndChineseFocusWordsUnderstood()
    {
        var unknown = await SayAsync("/routine legs", direct: false);
        var broken = await TextAsync("/routine howto 2026");
        var hips = await SayAsync("/routine 髋部", direct: false);

        Assert.Equal(ReplyKinds.Error, unknown.Kind);
        Assert.Contains("“legs”不是我认识的重点。", PlainTextRenderer.Render(unknown), StringComparison.Ordinal);
        Assert.Contains("这个练习链接坏了", broken, StringComparison.Ordinal);
        Assert.EndsWith(" · 髋部", hips.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_Chinese_TextInChineseAndPersonalInAGroup()
    {
        await SayAsync("/done");
        await SayAsync("/pain 2");

        var reply = await SayAsync("/progress");
        var group = await SayAsync("/progress", direct: false);

        Assert.Equal("你的进度", reply.Title);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("你最近 8 周（10月5日 至 11月24日）：", text, StringComparison.Ordinal);
        Assert.Contains("每周完成天数：", text, StringComparison.Ordinal);
        Assert.Contains("（8 周共 1 天，从早到近）", text, StringComparison.Ordinal);
        Assert.Contains("膝盖自评：1 次，平均 2/10", text, StringComparison.Ordinal);
        Assert.Equal("你的进度只给你看", group.Title);
    }

    [Fact]
    public void Chart_Chinese_AltTextAndWordsInChineseAndThePngDecodes()
    {
        var data = new ProgressData(
            new LocalDate(2026, 11, 24),
            [.. Enumerable.Range(0, 8).Select(i => new WeekProgress(new LocalDate(2026, 10, 5).PlusWeeks(i), i % 4, i % 3, 3))],
            []);

        var chart = new ScottPlotProgressChart().Render(data, Languages.ChineseCulture);
        var words = ProgressChartText.In(8, Languages.ChineseCulture);

        Assert.Equal("最近 8 周：完成天数、力量训练、膝盖疼痛", words.Title);
        Assert.Equal(ScottPlotProgressChart.CjkFontName, ScottPlotProgressChart.FontFor(words.All));
        Assert.StartsWith("10月5日 至 11月24日 各周的图表：", chart.AltText, StringComparison.Ordinal);
        Assert.Equal(ProgressChartText.English(8), ProgressChartText.In(8, Languages.EnglishCulture));
        Assert.Equal("Your last 8 weeks: days done, strength sessions, knee pain", ProgressChartText.English(8).Title);
        using var bitmap = SKBitmap.Decode(chart.Content.ToArray());
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));
    }
}

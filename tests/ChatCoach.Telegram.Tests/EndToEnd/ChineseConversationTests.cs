using System.Text.Json.Nodes;
using ChatCoach.Charts;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Testing;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>
/// A person whose Telegram is in Chinese (<c>from.language_code: "zh-hans"</c>), through the real client, the Bot API
/// double and the host's handlers over LiteDB: question, help, routine, Done, streak, subscribe and the scheduled post;
/// the coaching side: pause, resume, the reminder sent privately, the pain buttons and the /progress photo.
/// </summary>
public sealed class ChineseConversationTests : IAsyncLifetime
{
    private const long Mei = 880;

    private readonly FakeTimeProvider _time = new(ChineseConversation.Start);

    public ChineseConversationTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    private TelegramTestHost Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.StartAsync();
        Bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database, addCommands: builder =>
        {
            builder.AddAdviceEngine();
            builder.AddRoutines();
            builder.AddStreaks();
            builder.AddCoaching();
            builder.AddReminders();
            builder.AddProgressChart();
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    [Fact]
    public async Task Conversation_ChineseTelegram_EveryReplyAndThePostInChinese()
    {
        var question = await SayAsync(ChineseConversation.Question);
        Assert.Contains(ChineseConversation.AnswerTopic, question.Text, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.Source, question.Text, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.MedicalNotice, question.Text, StringComparison.Ordinal);

        var help = await SayAsync("/help");
        Assert.Contains(ChineseConversation.HelpTitle, help.Text, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.HelpDoneLine, help.Text, StringComparison.Ordinal);

        var routine = await SayAsync("/routine hips");
        Assert.Contains(ChineseConversation.HipsRoutineTitle, routine.Text, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.FormHeading, routine.Text, StringComparison.Ordinal);
        var button = routine.Body["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal(ChineseConversation.DoneButton, button["text"]!.ToString());
        Assert.Equal("done", button["callback_data"]!.ToString());

        var done = await SayAsync("/done");
        Assert.Contains(ChineseConversation.DayOne, done.Text, StringComparison.Ordinal);

        var streak = await SayAsync("/streak");
        Assert.Contains(ChineseConversation.StreakDayOne, streak.Text, StringComparison.Ordinal);

        var subscribed = await SayAsync("/subscribe 07:05");
        Assert.Contains(ChineseConversation.Subscribed("07:05"), subscribed.Text, StringComparison.Ordinal);
        Assert.Equal("zh", (await Bot.Get<ISubscriptionStore>().FindAsync(new("telegram", Mei.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None))?.Language);

        var before = Api.Sent.Count;
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "the scheduled post", idleStep: TimeSpan.FromSeconds(30));
        var post = Api.Sent[before];
        Assert.Contains(ChineseConversation.RoutineTitle, post.Text, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.PostPrompt, post.Text, StringComparison.Ordinal);
        Assert.Equal(ChineseConversation.DoneButton, post.Body["reply_markup"]!["inline_keyboard"]![0]![0]!["text"]!.ToString());
    }

    [Fact]
    public async Task Coaching_ChineseTelegram_PauseResumeReminderPainButtonsAndProgressInChinese()
    {
        var paused = await SayAsync("/pause 3");
        Assert.Contains("连续天数已暂停 ⏸️", paused.Text, StringComparison.Ordinal);
        Assert.Contains("暂停到 3月4日 星期三（按你当地的日期）。", paused.Text, StringComparison.Ordinal);

        var resumed = await SayAsync("/resume");
        Assert.Contains("欢迎回来 👋", resumed.Text, StringComparison.Ordinal);
        Assert.Contains("跑量慢慢加", resumed.Text, StringComparison.Ordinal); // the Chinese knowledge base's return steps

        var remind = await SayAsync("/remind 07:05");
        Assert.Contains("提醒已设置 ⏰", remind.Text, StringComparison.Ordinal);
        Assert.Contains("当地时间 07:05 提醒你", remind.Text, StringComparison.Ordinal);

        // 07:05 UTC (no zone set): the private nudge, in Chinese, with the Chinese Done button.
        var before = Api.Sent.Count;
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "the reminder", idleStep: TimeSpan.FromSeconds(30));
        var nudge = Api.Sent[before];
        Assert.Equal(Mei, nudge.ChatId);
        Assert.Contains("别断了连续天数 ⏰", nudge.Text, StringComparison.Ordinal);
        Assert.Contains("今天的练习还没做。", nudge.Text, StringComparison.Ordinal);
        var doneButton = nudge.Body["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal("完成 ✅", doneButton["text"]!.ToString());

        // Done from the reminder's button: the pain buttons come in Chinese, the same callback data as in English.
        var done = await PressAsync(doneButton["callback_data"]!.ToString());
        Assert.Contains("今天膝盖感觉怎么样？", done.Text, StringComparison.Ordinal);
        var painButtons = done.Body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).ToList();
        Assert.Equal(["0–1 不疼", "2–3 微疼", "4–5 较疼", "6+ 很疼"], painButtons.Select(b => b!["text"]!.ToString()));
        Assert.Equal(["pain:1", "pain:3", "pain:5", "pain:6"], painButtons.Select(b => b!["callback_data"]!.ToString()));

        var pain = await PressAsync("pain:3");
        Assert.Contains("已记录：3月2日 星期一，3/10。", pain.Text, StringComparison.Ordinal);

        Api.Enqueue(ZhHans(Updates.PrivateMessage(Mei, "/progress", "Mei"), "message"));
        await Bot.WaitUntilAsync(() => Api.Photos.Count == 1 && Bot.Outbox.Snapshot().InFlight == 0, "the /progress photo");
        var photo = Api.Photos[0];
        Assert.Equal(Mei, photo.ChatId);
        Assert.Contains("你的进度", photo.Caption, StringComparison.Ordinal);
        Assert.Contains("每周完成天数：", photo.Caption, StringComparison.Ordinal);
        Assert.Contains("膝盖自评：1 次，平均 3/10", photo.Caption, StringComparison.Ordinal);
        Assert.DoesNotContain("Days done", photo.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EnglishTelegram_StaysEnglish()
    {
        var help = await ExchangeAsync(Updates.PrivateMessage(Mei + 1, "/help"));

        Assert.Contains("ChatCoach — help", help.Text, StringComparison.Ordinal);
    }

    private Task<RecordedCall> SayAsync(string text) => ExchangeAsync(ZhHans(Updates.PrivateMessage(Mei, text, "Mei"), "message"));

    /// <summary>A press of a button under a message in Mei's private chat.</summary>
    private Task<RecordedCall> PressAsync(string data) => ExchangeAsync(ZhHans(Updates.Callback(Updates.PrivateChat(Mei, "Mei"), Mei, data, "Mei"), "callback_query"));

    /// <summary>Mei's Telegram is in Simplified Chinese: every update from her says so, as Telegram's do.</summary>
    private static JsonObject ZhHans(JsonObject update, string kind)
    {
        update[kind]!["from"]!["language_code"] = "zh-hans";
        return update;
    }

    private async Task<RecordedCall> ExchangeAsync(JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }
}

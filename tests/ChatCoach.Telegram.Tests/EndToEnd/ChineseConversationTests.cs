using System.Text.Json.Nodes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.Subscriptions;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Testing;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>
/// A person whose Telegram is in Chinese (<c>from.language_code: "zh-hans"</c>), through the real client, the Bot API
/// double and the host's handlers over LiteDB: question, help, routine, Done, streak, subscribe and the scheduled post.
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
    public async Task Help_EnglishTelegram_StaysEnglish()
    {
        var help = await ExchangeAsync(Updates.PrivateMessage(Mei + 1, "/help"));

        Assert.Contains("ChatCoach — help", help.Text, StringComparison.Ordinal);
    }

    private Task<RecordedCall> SayAsync(string text)
    {
        var update = Updates.PrivateMessage(Mei, text, "Mei");
        update["message"]!["from"]!["language_code"] = "zh-hans";
        return ExchangeAsync(update);
    }

    private async Task<RecordedCall> ExchangeAsync(JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Receiving;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>
/// The compact routine in a group and its "How to do these" button, through Telegram.Bot's real client and the Bot
/// API double: the full routine reaches the presser's private chat, or, when they never started the bot (403), the
/// press opens a deep link whose <c>/start</c> payload shows the same routine.
/// </summary>
public sealed partial class CompactPostTests : IAsyncLifetime
{
    private const string At = "@" + Updates.BotUserName;

    // Monday 2 March 2026, 07:00 UTC.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public CompactPostTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    private TelegramTestHost Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.StartAsync();
        Bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database, addCommands: builder =>
        {
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
    public async Task Routine_InGroup_IsCompactWithDoneAndHowToButtons()
    {
        var post = await ExchangeAsync(Updates.GroupMessage(-100_720, 720, $"/routine{At} hips"));

        Assert.Equal(-100_720, post.ChatId);
        Assert.True(post.Text.Length < 600, post.Text);
        Assert.DoesNotContain("Form:", post.Text, StringComparison.Ordinal);
        Assert.InRange(ExerciseLines(post.Text).Count, 4, 6);
        Assert.Equal(["done", "routine:howto 20260302 hips"], CallbackData(post));
    }

    [Fact]
    public async Task Routine_InPrivateChat_KeepsTheFullFormWithDoneOnly()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(721, "/routine hips"));

        Assert.Contains("Form:", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Text.Length > 1_500);
        Assert.Equal(["done"], CallbackData(reply));
    }

    [Fact]
    public async Task HowTo_PressedBySomeoneWhoStartedTheBot_FullRoutineArrivesInTheirPrivateChatOnly()
    {
        var post = await ExchangeAsync(Updates.GroupMessage(-100_722, 722, $"/routine{At} ankles"));
        var before = Api.Sent.Count;

        Api.Enqueue(Updates.Callback(Updates.GroupChat(-100_722), 723, CallbackData(post)[1], firstName: "Ben"));
        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1 && Api.Sent.Count == before + 1, "the private routine and the toast");

        var instructions = Api.Sent[before];
        Assert.Equal(723, instructions.ChatId);
        Assert.Contains("Form:", instructions.Text, StringComparison.Ordinal);
        Assert.All(ExerciseLines(post.Text), line => Assert.Contains(line, instructions.Text, StringComparison.Ordinal));
        var answer = Assert.Single(Api.Calls, c => c.Method == "answerCallbackQuery");
        Assert.Equal("I've sent you the steps in our private chat 📬", answer.Body["text"]?.ToString());
        Assert.Null(answer.Body["url"]);
        Assert.DoesNotContain(Api.Sent.Skip(before), c => c.ChatId == -100_722);
    }

    [Fact]
    public async Task HowTo_PressedByAChineseSpeaker_ToastIsChinese()
    {
        var post = await ExchangeAsync(Updates.GroupMessage(-100_726, 726, $"/routine{At}"));

        var press = Updates.Callback(Updates.GroupChat(-100_726), 727, CallbackData(post)[1], firstName: "Lin");
        press["callback_query"]!["from"]!["language_code"] = "zh-hans";
        Api.Enqueue(press);
        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1, "the toast");

        var answer = Assert.Single(Api.Calls, c => c.Method == "answerCallbackQuery");
        Assert.Equal("动作步骤已经私聊发给你了 📬", answer.Body["text"]?.ToString());
    }

    [Fact]
    public async Task HowTo_PressedNextDayBySomeoneWhoNeverStartedTheBot_DeepLinkOpensThePostsRoutine()
    {
        var post = await ExchangeAsync(Updates.GroupMessage(-100_724, 724, $"/routine{At}"));
        Api.NotStarted[725] = true;

        // Pressed the next day: the button still names Monday's routine.
        _time.Advance(TimeSpan.FromDays(1));
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.Callback(Updates.GroupChat(-100_724), 725, CallbackData(post)[1], firstName: "Cy"));
        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1, "the press answered");

        var refused = Assert.Single(Api.Calls, c => c.Method == "sendMessage" && c.ChatId == 725);
        Assert.Equal((403, "Forbidden: bot can't initiate conversation with a user"), (refused.Status, refused.Description));
        var answer = Assert.Single(Api.Calls, c => c.Method == "answerCallbackQuery");
        Assert.True(answer.Ok, answer.Description);
        Assert.Equal($"https://t.me/{Updates.BotUserName}?start=howto_20260302", answer.Body["url"]?.ToString());
        Assert.Equal(before, Api.Sent.Count); // nothing posted in the group

        // The link opens the private chat; Start sends /start with the payload.
        Api.NotStarted.TryRemove(725, out _);
        var instructions = await ExchangeAsync(Updates.PrivateMessage(725, "/start howto_20260302", firstName: "Cy"));

        Assert.Equal(725, instructions.ChatId);
        Assert.StartsWith("<b>Routine for Mon 2 Mar</b>", instructions.Text, StringComparison.Ordinal);
        Assert.Contains("Form:", instructions.Text, StringComparison.Ordinal);
        Assert.All(ExerciseLines(post.Text), line => Assert.Contains(line, instructions.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HowTo_PressedInPrivateChat_IsAnsweredThere()
    {
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.Callback(Updates.PrivateChat(726), 726, "routine:howto 20260302 recovery"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == before + 1 && Api.CountOf("answerCallbackQuery") == 1, "the routine");

        Assert.Equal(726, Api.Sent[before].ChatId);
        Assert.StartsWith("<b>Routine for Mon 2 Mar · recovery</b>", Api.Sent[before].Text, StringComparison.Ordinal);
    }

    /// <summary>"1. Name — dose" of each exercise line in a compact post.</summary>
    private static List<string> ExerciseLines(string text) =>
        [.. ExerciseLine().Matches(text).Select(m => m.Groups[1].Value.Trim())];

    private static List<string> CallbackData(RecordedCall call) =>
        [.. (call.Body["reply_markup"]?["inline_keyboard"]?.AsArray() ?? []).SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.ToString())];

    private async Task<RecordedCall> ExchangeAsync(JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }

    [GeneratedRegex(@"^• (\d\. .+)$", RegexOptions.Multiline)]
    private static partial Regex ExerciseLine();
}

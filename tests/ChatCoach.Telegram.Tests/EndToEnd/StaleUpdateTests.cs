using System.Text.Json;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Receiving;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Testing;
using NodaTime;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>Updates that waited through an outage: a Done counts the day it was pressed, a late answer says it is late.</summary>
public sealed class StaleUpdateTests : IAsyncLifetime
{
    // Tue 1 Dec 2026, 22:00 UTC.
    // Idle waits move it only once the bot waits on it: a clock that ran on while a busy machine started the bot would
    // carry the 23:59 press past midnight.
    private readonly TestClock _time = new(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero));

    public StaleUpdateTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    public async Task InitializeAsync() => await Api.StartAsync();

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    private Task<TelegramTestHost> StartBotAsync() => TelegramTestHost.StartAsync(Api, _time, Directory.Database, addCommands: builder =>
    {
        builder.AddRoutines();
        builder.AddStreaks();
        builder.Services.AddCommandHandler<FakeAskHandler>();
    });

    private static async Task<IReadOnlyList<LocalDate>> DatesAsync(TelegramTestHost bot, long person) =>
        await bot.Get<ICompletionStore>().GetAllDatesAsync(new PersonKey("telegram", person.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);

    [Fact]
    public async Task DonePress_WaitingThroughAnOutageAcrossMidnight_CountsTheDayOfThePress()
    {
        await (await StartBotAsync()).DisposeAsync(); // the bot goes down at 22:00; it last heard from Telegram then

        _time.Advance(TimeSpan.FromMinutes(90)); // 23:30: the press, under the evening's post, waits at Telegram
        Api.Enqueue(Updates.SentAt(Updates.Callback(Updates.PrivateChat(400), 400, "done"), new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero)));
        _time.Advance(TimeSpan.FromMinutes(90)); // Wed 2 Dec, 01:00: the bot is back

        await using var back = await StartBotAsync();
        await back.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1 && Api.Sent.Count == 1, "the toast and the post");

        Assert.Equal([new LocalDate(2026, 12, 1)], await DatesAsync(back, 400));
        Assert.Contains("counts for Tue 1 Dec", Api.Sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DonePress_UnderYesterdaysPostWhileListening_CountsToday()
    {
        _time.Advance(TimeSpan.FromHours(10)); // Wed 2 Dec, 08:00
        await using var bot = await StartBotAsync();
        Api.Enqueue(Updates.PrivateMessage(401, "/streak"));
        await bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the streak (the bot has heard from Telegram since)");

        Api.Enqueue(Updates.SentAt(Updates.Callback(Updates.PrivateChat(401), 401, "done"), new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero)));
        await bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the post");

        Assert.Equal([new LocalDate(2026, 12, 2)], await DatesAsync(bot, 401));
        Assert.DoesNotContain("reached me late", Api.Sent[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DonePress_SentAgainAfterTheOffsetWasLost_CountedOnce()
    {
        Api.ForgetConfirmed = false; // Telegram will send the press again when the bot forgets its position
        var bot = await StartBotAsync();
        Api.Enqueue(Updates.PrivateMessage(402, "/streak"));
        // Until the reply's call has come back, not only reached the double: a jump of the clock while it is on the
        // wire times it out, and the outbox rightly sends it again (a second streak counted as "the post" below, and
        // the press left for the next run — counted there, on Wednesday, and answered only once).
        await bot.WaitUntilAsync(() => Api.Sent.Count == 1 && bot.Outbox.Snapshot().InFlight == 0, "the streak");
        _time.Advance(TimeSpan.FromMinutes(119)); // 23:59
        Api.Enqueue(Updates.Callback(Updates.PrivateChat(402), 402, "done"));
        await bot.WaitUntilAsync(() => Api.Sent.Count == 2 && bot.Outbox.Snapshot().InFlight == 0, "the post");
        var firstPoller = bot.Polling;
        await bot.DisposeAsync();

        // Really stopped before the next run polls: one poller at a time, as Telegram allows (a second ends the first with 409).
        Assert.True(firstPoller.ExecuteTask is null or { IsCompleted: true }, "the first run still polls");
        await TelegramTestHost.WaitForAsync(() => !Api.IsLongPolling, "the first run's long poll to end");

        using (var database = new ChatCoachDatabase(Directory.Database))
        {
            // A crash before the offset was saved: the next run is given the same updates again.
            await new LiteDbAdapterStateStore(database).SetAsync(TelegramPollingService.OffsetKey, "", CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromHours(2)); // Wed 2 Dec, 01:59
        await using var back = await StartBotAsync();
        // The fake clock steps while the bot waits on it (a start-up retry or a receive backoff after the old poll's
        // 409 on a busy machine); the press keeps the moment stored for it, whatever the clock says now.
        await back.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 2, "the press answered again", idleStep: TimeSpan.FromSeconds(1));

        Assert.Equal([new LocalDate(2026, 12, 1)], await DatesAsync(back, 402));
        Assert.StartsWith("Already counted", Api.Calls.Last(c => c.Method == "answerCallbackQuery").Body["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_AnsweredMoreThanFiveMinutesLate_SaysItIsLate()
    {
        await using var bot = await StartBotAsync();
        Api.Enqueue(Updates.SentAt(Updates.PrivateMessage(403, "/ask is running bad for knees?"), _time.GetUtcNow() - TimeSpan.FromMinutes(20)));
        Api.Enqueue(Updates.PrivateMessage(404, "/ask and cycling?"));
        await bot.WaitUntilAsync(() => Api.Sent.Count == 2, "both answers");

        Assert.Contains("Sorry for the slow answer: your message reached me late (I was offline for a while).", Api.Sent.Single(c => c.ChatId == 403).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sorry for the slow answer: your message reached me late (I was offline for a while).", Api.Sent.Single(c => c.ChatId == 404).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_AnsweredLate_ToAChineseSpeaker_SaysItInChinese()
    {
        await using var bot = await StartBotAsync();
        var late = Updates.SentAt(Updates.PrivateMessage(405, "/ask 跑步伤膝盖吗"), _time.GetUtcNow() - TimeSpan.FromMinutes(20));
        late["message"]!["from"]!["language_code"] = "zh-hans";
        Api.Enqueue(late);
        await bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the answer");

        var text = Api.Sent.Single(c => c.ChatId == 405).Text;
        Assert.Contains("抱歉回复晚了", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sorry for the slow answer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PressTimes_StampedPress_KeepsItsTimeAfterAReload()
    {
        var first = new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.Zero);
        using var database = new ChatCoachDatabase(Directory.Database);
        var store = new LiteDbAdapterStateStore(database);
        using (var presses = new PressTimes(store, _time))
        {
            Assert.Equal(first, await presses.StampAsync("4711", first, CancellationToken.None));
        }

        using var reloaded = new PressTimes(store, _time);
        var again = await reloaded.StampAsync("4711", first.AddHours(2), CancellationToken.None);
        var other = await reloaded.StampAsync("4712", first.AddHours(2), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(first.AddHours(2), other);
    }

    [Fact]
    public void PressEstimates_LaterMessageInTheBatch_BoundsAPressAfterAGap()
    {
        var received = new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
        var press = Parse(1, Updates.SentAt(Updates.Callback(Updates.PrivateChat(405), 405, "done"), received.AddHours(-6)));
        var later = Parse(2, Updates.SentAt(Updates.PrivateMessage(406, "/streak"), new DateTimeOffset(2026, 12, 1, 23, 40, 0, TimeSpan.Zero)));
        var listening = Parse(3, Updates.Callback(Updates.PrivateChat(407), 407, "done"));

        var afterGap = TelegramPollingService.PressEstimates([press, later], listenedBefore: received.AddHours(-5), received, TimeSpan.FromSeconds(40));
        var whileListening = TelegramPollingService.PressEstimates([listening], listenedBefore: received.AddSeconds(-20), received, TimeSpan.FromSeconds(40));

        Assert.Equal(received.AddHours(-5), afterGap[1]); // the earliest moment it can have happened: the day before
        Assert.Equal(received, whileListening[3]); // it arrived at once
    }

    private static Update Parse(int id, System.Text.Json.Nodes.JsonObject update)
    {
        update["update_id"] = id;
        if (update["callback_query"]?["message"] is { } message && message["date"] is null)
        {
            message["date"] = 0;
        }

        return JsonSerializer.Deserialize<Update>(update.ToJsonString(), JsonBotAPI.Options)!;
    }
}

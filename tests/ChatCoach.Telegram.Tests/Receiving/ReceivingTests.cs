using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.EndToEnd;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Telegram.Tests.Receiving;

/// <summary>getUpdates as Telegram really answers it: renumbered ids, conflicts, rate limits, broken answers.</summary>
public sealed class ReceivingTests : TelegramTestBase
{
    /// <summary>Faults are planned before the adapter starts, so that they hit its next calls, not a later poll.</summary>
    public override async Task InitializeAsync()
    {
        Api = new BotApiDouble(Time);
        await Api.StartAsync();
    }

    private async Task StartAsync(params (string Method, Fault Fault, int Count, int RetryAfter)[] faults)
    {
        foreach (var (method, fault, count, retryAfter) in faults)
        {
            Api.FailNext(method, fault, count, retryAfter);
        }

        Bot = await TelegramTestHost.StartAsync(Api, Time, Directory.Database);
    }

    [Fact]
    public async Task GetUpdates_AfterTelegramRenumbersUpdateIds_WarnsAndAnswersTheNewUpdates()
    {
        await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await ExchangeAsync(Updates.PrivateMessage(120 + i, $"/seen old {i}"));
        }

        // Everything old confirmed first, so that the double holds only the new numbering.
        await Bot.WaitUntilAsync(() => Api.Unconfirmed == 0 && Api.Calls.Any(c => c.Method == "getUpdates" && BotApiDouble.AsLong(c.Body["offset"]!) == 6), "the old updates confirmed");
        Api.Renumber(1);
        var reply = await ExchangeAsync(Updates.PrivateMessage(130, "/seen after a quiet week"));
        var next = await ExchangeAsync(Updates.PrivateMessage(131, "/seen and the next one"));

        Assert.Contains("after a quiet week", reply.Text, StringComparison.Ordinal);
        Assert.Contains("and the next one", next.Text, StringComparison.Ordinal);
        var warning = Assert.Single(Bot.Logs.Entries, e => e.Message.StartsWith("Telegram update ids were renumbered", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("below the offset 6", warning.Message, StringComparison.Ordinal);
        var store = Bot.Get<ChatCoach.Core.Storage.IAdapterStateStore>();
        await Bot.WaitUntilAsync(() => store.GetAsync("telegram:offset", CancellationToken.None).GetAwaiter().GetResult() == $"2|{Updates.BotId}|{Api.BaseUrl}|3|2|", "the new offset saved");
    }

    [Fact]
    public async Task GetUpdates_Conflict409_IsLoggedLoudlyOncePerEpisodeAndPollingGoesOn()
    {
        await StartAsync(("getUpdates", Fault.Conflict, 4, 1));
        Api.Enqueue(Updates.PrivateMessage(140, "/seen after the conflict"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply after the conflict", idleStep: TimeSpan.FromSeconds(1));

        var errors = Bot.Logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        var conflict = Assert.Single(errors);
        Assert.Contains("409 Conflict", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("another process is polling with this bot token", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("webhook", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Entries, e => e.Message == "Telegram getUpdates works again: the conflict (409) is over");
        Assert.Equal(4, Api.Calls.Count(c => c.Method == "getUpdates" && c.Status == 409));
    }

    [Fact]
    public async Task GetUpdates_TooManyRequests_WaitsRetryAfterInFakeTime()
    {
        await StartAsync(("getUpdates", Fault.TooManyRequests, 1, 7));
        Api.Enqueue(Updates.PrivateMessage(150, "/seen after the pause"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply after the pause", idleStep: TimeSpan.FromSeconds(1));

        var polls = Api.Calls.Where(c => c.Method == "getUpdates").ToList();
        var limited = polls.FindIndex(c => c.Status == 429);
        Assert.True(polls[limited + 1].At - polls[limited].At >= TimeSpan.FromSeconds(7), $"polled again after {polls[limited + 1].At - polls[limited].At}");
        Assert.Contains(Bot.Logs.Entries, e => e.Message == "Telegram asked getUpdates to slow down (429); waiting 00:00:07");
    }

    [Fact]
    public async Task GetUpdates_AnswerThatIsNotJson_RestartsPollingWithBackoff()
    {
        await StartAsync(("getUpdates", Fault.Garbage, 2, 1));
        Api.Enqueue(Updates.PrivateMessage(160, "/seen after garbage"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply after the broken answers", idleStep: TimeSpan.FromSeconds(1));

        var warnings = Bot.Logs.Entries.Where(e => e.Message.StartsWith("Telegram receive error (getUpdates)", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("retrying in 00:00:02", warnings[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Bot.Logs.Entries, e => e.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task GetUpdates_NamesTheUpdateTypesTheBotHandles_AndTelegramWithholdsTheRest()
    {
        await StartAsync();
        Api.Enqueue(Updates.Edited(170, "/seen edited"));
        var reply = await ExchangeAsync(Updates.PrivateMessage(171, "/seen plain"));

        Assert.Equal(["message", "callback_query", "my_chat_member", "channel_post"], Api.AllowedUpdates);
        Assert.Contains("plain", reply.Text, StringComparison.Ordinal);
        Assert.Single(Api.Sent);
    }

    [Fact]
    public async Task Stop_WithRepliesStillQueued_SendsThemBeforeSavingTheOffset()
    {
        await StartAsync();

        // Forty people in a group: its 20-a-minute budget keeps most replies queued when the stop comes.
        for (var i = 0; i < 40; i++)
        {
            Api.Enqueue(Updates.GroupMessage(-100_180, 1800 + i, $"/seen@{Updates.BotUserName} {i}"));
        }

        await Bot.WaitUntilAsync(() => Api.Sent.Count >= 3, "the first replies");
        await Bot.StopAsync();

        Assert.Equal(40, Api.Sent.Count);
        var store = Bot.Get<ChatCoach.Core.Storage.IAdapterStateStore>();
        Assert.Equal($"2|{Updates.BotId}|{Api.BaseUrl}|41|40|", await store.GetAsync("telegram:offset", CancellationToken.None));
    }
}

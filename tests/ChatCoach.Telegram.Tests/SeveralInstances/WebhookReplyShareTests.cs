using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Core.Routines;
using ChatCoach.Storage.Contract.Tests;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Telegram.Tests.Receiving;
using ChatCoach.Testing;
using NodaTime;
using Xunit.Abstractions;

namespace ChatCoach.Telegram.Tests.SeveralInstances;

/// <summary>
/// Webhook mode, two instances on one PostgreSQL database and one bot token, against a Bot API double that answers
/// 429 beyond 30 sendMessage calls in any second of its clock. Behind the load balancer every instance answers its own
/// updates, so without a share both would pace at the whole limit. With <c>Telegram:ReplyShare</c> 0.2 the instance
/// that is not elected answers at 6 a second while the elected one sends the daily posts at the other 24.
/// </summary>
[Collection(OneTestBotPollerAtATime.Name)]
public sealed class WebhookReplyShareTests(ITestOutputHelper output) : SharedDatabaseTests
{
    private const int Posts = 240;
    // Telegram's default max_connections: every question is in flight at once (an update is answered once its reply
    // is out), so the second outbox holds all the replies before the clock moves.
    private const int Questions = 40;

    private Task<TelegramTestHost> StartInstanceAsync(string name)
    {
        var settings = WebhookTests.WebhookSettings(maxConnections: Questions);
        settings["Telegram:Instances"] = "2";
        settings["Telegram:ReplyShare"] = "0.2";
        settings["Telegram:PollerElectionInterval"] = "00:00:05";
        settings["Scheduler:PollInterval"] = "00:00:01";

        // The posts wait in the outbox (which paces them), not in the scheduler.
        settings["Scheduler:MaxParallelSends"] = "256";
        return StartInstanceAsync(name, settings, builder =>
        {
            TelegramTestHost.AddTestCommands(builder);
            builder.AddRoutines();
        });
    }

    [PostgresFact]
    public async Task FanOutAndReplies_TwoWebhookInstances_ShareTheTokensLimitWithout429()
    {
        Api.EnforcedMessagesPerSecond = 30;
        await using var first = await StartInstanceAsync("first");
        await first.WaitUntilAsync(() => first.Polling.IsPoller, "the first instance elected", idleStep: TimeSpan.FromSeconds(1));
        await using var second = await StartInstanceAsync("second");
        using var firstMetrics = new MetricRecorder(first.Get<ChatCoachMetrics>().Meter);
        using var secondMetrics = new MetricRecorder(second.Get<ChatCoachMetrics>().Meter);
        TelegramTestHost[] both = [first, second];
        await TelegramTestHost.WaitUntilAllAsync(both, () => second.Polling.Status == "receiving by webhook", "the second instance receiving", idleStep: TimeSpan.FromSeconds(1));
        Assert.False(second.Polling.IsPoller);
        Assert.Equal((24, 6), (first.Outbox.MessagesPerSecond, second.Outbox.MessagesPerSecond));

        // The load balancer sends every update to the second instance, so its replies and the first one's posts
        // compete for the same token.
        Api.WebhookBackends = [second.Webhook.Address!.ToString()];
        var store = second.Get<ISubscriptionStore>();
        var now = Instant.FromDateTimeOffset(Time.GetUtcNow());
        foreach (var chat in Enumerable.Range(0, Posts).Select(i => 30_000L + i))
        {
            await store.SaveAsync(DueSubscription.InPrivateChat(chat, now), CancellationToken.None);
        }

        await TelegramTestHost.WaitUntilAllAsync(both, () => first.Outbox.Snapshot().Pending > 0 || Api.Sent.Count > 0, "the first post in the outbox", idleStep: TimeSpan.FromSeconds(1));
        await TelegramTestHost.WaitForAsync(() => first.Outbox.Snapshot().Pending + Api.Sent.Count >= Posts, $"all {Posts} posts in the outbox");
        for (var i = 0; i < Questions; i++)
        {
            Api.Enqueue(Updates.PrivateMessage(40_000 + i, $"/echo question-{i}-end"));
        }

        // Every question handled and its reply queued before the clock moves on, so both outboxes hold work from here.
        await TelegramTestHost.WaitForAsync(() => second.Outbox.Snapshot().Pending + Replies().Count >= Questions, $"all {Questions} replies in the second outbox");
        await TelegramTestHost.WaitUntilAllAsync(both, () => Api.Sent.Count >= Posts + Questions, $"{Posts} posts and {Questions} replies", idleStep: TimeSpan.FromMilliseconds(10));

        var refused = Api.Calls.Where(c => c.Method == "sendMessage" && c.Status == 429).ToList();
        output.WriteLine($"429s: {refused.Count} ({string.Join(", ", refused.Take(5).Select(c => $"{c.Body["chat_id"]} {c.At:HH:mm:ss.fff}"))}); elected: {first.Polling.IsPoller}/{second.Polling.IsPoller}, rates {first.Outbox.MessagesPerSecond}/{second.Outbox.MessagesPerSecond}");
        output.WriteLine($"most in a second: posts {RateWindows.MaxInWindow([.. Api.Sent.Where(c => c.ChatId < 40_000).Select(c => c.At).Order()], TimeSpan.FromSeconds(1))}, replies {RateWindows.MaxInWindow([.. Replies().Select(c => c.At).Order()], TimeSpan.FromSeconds(1))}, arrivals {RateWindows.MaxInWindow([.. Api.Calls.Where(c => c.Method == "sendMessage").Select(c => c.At).Order()], TimeSpan.FromSeconds(1))}");
        Assert.Empty(refused);
        Assert.Equal(Posts, Api.Sent.Count(c => c.ChatId < 40_000));
        Assert.Equal(Questions, Replies().Count);
        Assert.Equal(Posts, firstMetrics.Sum("chatcoach.sends", ("platform", "telegram"), ("outcome", "sent")));
        Assert.Equal(Questions, secondMetrics.Sum("chatcoach.sends", ("platform", "telegram"), ("outcome", "sent")));

        // Each within its share in every second of the double's clock; together at the token's limit while both send.
        var posts = Api.Sent.Where(c => c.ChatId < 40_000).Select(c => c.At).Order().ToList();
        var replies = Replies().Select(c => c.At).Order().ToList();
        var all = Api.Sent.Select(c => c.At).Order().ToList();
        Assert.True(RateWindows.MaxInWindow(posts, TimeSpan.FromSeconds(1)) <= 24);
        Assert.True(RateWindows.MaxInWindow(replies, TimeSpan.FromSeconds(1)) <= 6);
        Assert.True(RateWindows.MaxInWindow(all, TimeSpan.FromSeconds(1)) <= 30);
        var from = posts[0] > replies[0] ? posts[0] : replies[0];
        var to = posts[^1] < replies[^1] ? posts[^1] : replies[^1];
        var together = all.Count(t => t >= from && t < to) / (to - from).TotalSeconds;
        output.WriteLine($"both sending for {to - from} of the double's clock: {together:F2}/s = {together / 30:F3} of the limit; posts {RateWindows.PerSecond(posts):F2}/s, replies {RateWindows.PerSecond(replies):F2}/s");
        Assert.True(to - from >= TimeSpan.FromSeconds(5), $"the posts and the replies overlapped only {to - from}");
        Assert.True(together >= 0.95 * 30, $"{together:F2}/s together, under 95 % of 30/s");
    }

    private List<RecordedCall> Replies() => [.. Api.Sent.Where(c => c.Text.Contains("-end", StringComparison.Ordinal))];
}

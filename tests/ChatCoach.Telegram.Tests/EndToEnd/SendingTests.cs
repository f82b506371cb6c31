using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;

namespace ChatCoach.Telegram.Tests.EndToEnd;

public sealed class SendingTests : TelegramTestBase
{
    private static readonly Reply Post = new()
    {
        Title = "Today's routine",
        Blocks = [new BulletList(["Glute bridge 3×12", "Calf raises 3×15"]), new Paragraph("Press Done when you finish.")],
        Buttons = [new ReplyButton("Done ✅", "done")],
        Kind = ReplyKinds.Routine,
    };

    private static ChatAddress Chat(long id) => new("telegram", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task SendAsync_ToChat_SendsHtmlWithDoneButton()
    {
        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(Chat(80), Post, CancellationToken.None), "the post");

        Assert.Equal(SendOutcome.Sent, outcome);
        var sent = Assert.Single(Api.Sent);
        Assert.Equal("<b>Today's routine</b>\n\n• Glute bridge 3×12\n• Calf raises 3×15\n\nPress Done when you finish.", sent.Text);
        Assert.Equal("done", sent.Body["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.ToString());
    }

    [Fact]
    public async Task SendAsync_ToBlockedUser_ReturnsPermanentAndLogsIt()
    {
        Api.BlockedChats[81] = true;

        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(Chat(81), Post, CancellationToken.None), "the post");

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("blocked", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Api.CountOf("sendMessage"));
        Assert.Contains(Bot.Logs.Entries, e => e.Message.Contains("Telegram chat 81 can no longer be posted to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ToMissingChat_ReturnsPermanent()
    {
        Api.MissingChats[-100_404] = true;

        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(Chat(-100_404), Post, CancellationToken.None), "the post");

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("chat not found", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ToNonNumericChat_ReturnsPermanentWithoutCalling()
    {
        var outcome = await Bot.Sender.SendAsync(new ChatAddress("telegram", "general"), Post, CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.False(Bot.Sender.PostsTo(new ChatAddress("telegram", "general")));
        Assert.True(Bot.Sender.PostsTo(Chat(-100_1)));
        Assert.Equal(0, Api.CountOf("sendMessage"));
    }

    [Fact]
    public async Task SendAsync_AfterServerErrorAndDroppedConnection_RetriesWithBackoffAndSends()
    {
        Api.FailNext("sendMessage", Fault.ServerError);
        Api.FailNext("sendMessage", Fault.DropConnection);

        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(Chat(82), Post, CancellationToken.None), "the post");

        Assert.Equal(SendOutcome.Sent, outcome);
        var calls = Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.Equal([500, 0, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1), "first backoff");
        Assert.True(calls[2].At - calls[1].At >= TimeSpan.FromSeconds(2), "second backoff doubles");
        Assert.DoesNotContain(Bot.Logs.Entries, e => e.Everything.Contains(BotApiDouble.Token.Split(':')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_WhenServerKeepsFailing_ReturnsTemporaryAfterRetries()
    {
        Api.FailNext("sendMessage", Fault.ServerError, count: 10);

        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(Chat(83), Post, CancellationToken.None), "the post");

        Assert.Equal(SendStatus.TemporaryFailure, outcome.Status);
        Assert.Equal(5, Api.CountOf("sendMessage")); // one try and SendRetries (4) retries
    }

    [Fact]
    public async Task SendAsync_DuringTooManyRequestsStorm_WaitsRetryAfterAndLosesNothing()
    {
        Api.FailNext("sendMessage", Fault.TooManyRequests, count: 12, retryAfter: 3);

        var sends = Enumerable.Range(0, 6).Select(i => Bot.Sender.SendAsync(Chat(900 + i), Post, CancellationToken.None)).ToList();
        var outcomes = await Bot.RunAsync(Task.WhenAll(sends), "six posts through a 429 storm");

        Assert.All(outcomes, o => Assert.Equal(SendOutcome.Sent, o));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => 900L + i), Api.Sent.Select(c => c.ChatId).Order());
        var calls = Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        for (var i = 0; i < calls.Count; i++)
        {
            if (calls[i].Status == 429)
            {
                Assert.All(calls.Skip(i + 1), later => Assert.True(later.At - calls[i].At >= TimeSpan.FromSeconds(3), "a call before retry_after passed"));
            }
        }
    }

    [Fact]
    public async Task SendAsync_WithUnauthorizedToken_ReturnsTemporary()
    {
        Api.FailNext("sendMessage", Fault.Unauthorized);

        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(Chat(84), Post, CancellationToken.None), "the post");

        Assert.Equal(SendStatus.TemporaryFailure, outcome.Status);
        Assert.Contains("401", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_FanOutTo2000Chats_StaysWithinRatesAndDeliversEachOnce()
    {
        var chats = Enumerable.Range(1, 2000).Select(i => i % 20 == 0 ? -100_000L - i : 10_000L + i).ToList();

        var sends = chats.Select(id => Bot.Sender.SendAsync(Chat(id), Post, CancellationToken.None)).ToList();
        var outcomes = await Bot.RunAsync(Task.WhenAll(sends), "2,000 scheduled posts");

        Assert.All(outcomes, o => Assert.Equal(SendOutcome.Sent, o));
        var sent = Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.All(sent, c => Assert.True(c.Ok));
        Assert.Equal(chats.Order(), sent.Select(c => c.ChatId).Order());
        Assert.True(MaxInWindow(sent.Select(c => c.At).ToList(), TimeSpan.FromSeconds(1)) <= 30);
        var span = sent[^1].At - sent[0].At;
        Assert.True(span < TimeSpan.FromSeconds(2000 / 27.0), $"2,000 posts took {span} of fake time: slower than 27/s");
    }

    [Fact]
    public async Task SendAsync_ManyPostsToOneGroup_KeepsPerChatAndPerGroupLimits()
    {
        var sends = Enumerable.Range(0, 45).Select(i => Bot.Sender.SendAsync(Chat(-100_555), Reply.Text($"Post {i}", "body"), CancellationToken.None)).ToList();
        await Bot.RunAsync(Task.WhenAll(sends), "45 posts to one group");

        var times = Api.Sent.Select(c => c.At).ToList();
        Assert.Equal(Enumerable.Range(0, 45).Select(i => $"<b>Post {i}</b>\n\nbody"), Api.Sent.Select(c => c.Text));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1)));
        Assert.True(MaxInWindow(times, TimeSpan.FromMinutes(1)) <= 20);
    }

    [Fact]
    public async Task Reply_ToPerson_GoesAheadOfQueuedScheduledPosts()
    {
        var posts = Enumerable.Range(0, 200).Select(i => Bot.Sender.SendAsync(Chat(20_000 + i), Post, CancellationToken.None)).ToList();
        await Bot.WaitUntilAsync(() => Api.Sent.Count >= 10, "the first posts");

        // Once the outbox waits on the fake clock for its next slot nothing goes out until the clock moves, so the
        // question travels through getUpdates and its reply is queued behind exactly the posts already sent.
        await TelegramTestHost.WaitForAsync(() => Bot.Outbox.Snapshot() is { InFlight: 0, WakeAt: { } wake } && wake > Time.GetUtcNow(), "the outbox waiting for a slot");
        var pending = Bot.Outbox.Snapshot().Pending;
        var queuedBehind = Api.Sent.Count;
        Api.Enqueue(Updates.PrivateMessage(85, "/seen urgent"));
        await TelegramTestHost.WaitForAsync(() => Bot.Outbox.Snapshot().Pending == pending + 1, "the reply queued");
        Assert.Equal(queuedBehind, Api.Sent.Count);

        await Bot.WaitUntilAsync(() => Api.Sent.Any(c => c.ChatId == 85), "the reply");
        var position = Api.Sent.ToList().FindIndex(c => c.ChatId == 85);
        await Bot.RunAsync(Task.WhenAll(posts), "the rest of the posts");

        Assert.True(position == queuedBehind, $"the reply went out as message {position}, {position - queuedBehind} after it was queued, ahead of {200 - position} posts");
        Assert.Equal(201, Api.Sent.Count);
    }

    [Fact]
    public async Task SendAsync_WhenCancelledWhileQueued_IsNotSent()
    {
        using var cancel = new CancellationTokenSource();
        var first = Bot.Sender.SendAsync(Chat(86), Post, CancellationToken.None);
        var second = Bot.Sender.SendAsync(Chat(86), Post, cancel.Token);
        await cancel.CancelAsync();

        await Bot.RunAsync(first, "the first post");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Time.Advance(TimeSpan.FromSeconds(5));
        await Bot.WaitUntilAsync(() => Bot.Outbox.Snapshot() is { Pending: 0, InFlight: 0 }, "an empty outbox");

        Assert.Single(Api.Sent);
    }

    private static int MaxInWindow(List<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        var max = 0;
        var start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }
}

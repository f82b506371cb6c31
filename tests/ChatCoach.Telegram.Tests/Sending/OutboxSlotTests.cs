using ChatCoach.Core.DailyPosts;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Rendering;
using ChatCoach.Telegram.Sending;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;

namespace ChatCoach.Telegram.Tests.Sending;

/// <summary>
/// The outbox alone, with the real client and the double, and a fake clock that only the test moves: every rate
/// window counts a send from its answer, so a request still on the wire keeps its slot however long it takes.
/// </summary>
public sealed class OutboxSlotTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly TelegramMessage Message = new("<b>Today's routine</b>", []);

    private readonly FakeTimeProvider _time = new(Start);
    // Properties rather than fields: DisposeAsync disposes them, which CA1001 does not see.
    private HoldingHandler Network { get; } = new();

    private BotApiDouble Api { get; set; } = null!;

    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new BotApiDouble(_time);
        await Api.StartAsync();
        Http = new HttpClient(Network);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
    }

    [Fact]
    public async Task Dispatch_WhileRequestUnanswered_KeepsItsSlotUntilTheAnswer()
    {
        await using var outbox = await StartOutboxAsync(new TelegramOptions { MessagesPerSecond = 1 });
        var held = Network.HoldNextSend();
        var first = outbox.Value.EnqueueAsync(1, Message, SendPriority.Scheduled, null, CancellationToken.None);
        var second = outbox.Value.EnqueueAsync(2, Message, SendPriority.Scheduled, null, CancellationToken.None);
        await WaitForAsync(() => Network.Held == 1, "the first request on the wire");

        _time.Advance(TimeSpan.FromSeconds(5));

        // Five windows later the only slot is still taken: nothing to wake for but the answer.
        await WaitForAsync(() => outbox.Value.Snapshot() == new OutboxSnapshot(2, 1, null), "the dispatcher waiting for the answer");
        Assert.Equal(0, Api.CountOf("sendMessage"));

        held.SetResult();
        await first;
        await WaitForAsync(() => outbox.Value.Snapshot() == new OutboxSnapshot(1, 0, Start.AddSeconds(6)), "the slot counting down from the answer");
        _time.Advance(TimeSpan.FromSeconds(1));
        await second;

        Assert.Equal([Start.AddSeconds(5), Start.AddSeconds(6)], Api.Sent.Select(c => c.At));
    }

    [Fact]
    public async Task Dispatch_SlowRequestThenFastOnes_NeverLandsMoreThanTheLimitInOneSecond()
    {
        // The double answers 429 beyond 2 sends in any second of arrival, as Telegram does beyond its limit.
        Api.EnforcedMessagesPerSecond = 2;
        await using var outbox = await StartOutboxAsync(new TelegramOptions { MessagesPerSecond = 2 });
        var slow = Network.HoldNextSend();
        var sends = Enumerable.Range(1, 4).Select(i => outbox.Value.EnqueueAsync(i, Message, SendPriority.Scheduled, null, CancellationToken.None)).ToList();
        await WaitForAsync(() => Network.Held == 1 && outbox.Value.Snapshot().WakeAt == Start.AddMilliseconds(500), "the slow request and the next spacing");

        _time.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAsync(() => Api.CountOf("sendMessage") == 1 && outbox.Value.Snapshot().WakeAt == Start.AddMilliseconds(1500), "the fast request answered");

        // Counted from the grant, the slow request's slot would be free at 1 s and a third send would go then,
        // landing within one second of both others once the slow one arrives at 1.2 s.
        _time.Advance(TimeSpan.FromMilliseconds(700));
        slow.SetResult();
        await WaitForAsync(() => Api.CountOf("sendMessage") == 2 && outbox.Value.Snapshot().InFlight == 0, "the slow request answered");
        Assert.Equal(Start.AddMilliseconds(1500), outbox.Value.Snapshot().WakeAt);

        await DriveAsync(outbox.Value, Task.WhenAll(sends));

        Assert.All(Api.Calls.Where(c => c.Method == "sendMessage"), c => Assert.Equal(200, c.Status));
        Assert.Equal([2L, 1, 3, 4], Api.Sent.Select(c => c.ChatId));
        Assert.Equal([Start.AddMilliseconds(500), Start.AddMilliseconds(1200), Start.AddMilliseconds(1500), Start.AddMilliseconds(2200)], Api.Sent.Select(c => c.At));
    }

    [Fact]
    public async Task Dispatch_ToGroupWithSlowRequest_CountsTheGroupWindowFromTheAnswer()
    {
        // The call timeout is longer than the hold here: this test is about the window, not about giving up.
        await using var outbox = await StartOutboxAsync(new TelegramOptions { GroupMessagesPerMinute = 1, CallTimeout = TimeSpan.FromMinutes(5) });
        var slow = Network.HoldNextSend();
        var first = outbox.Value.EnqueueAsync(-100_7, Message, SendPriority.Scheduled, null, CancellationToken.None);
        var second = outbox.Value.EnqueueAsync(-100_7, Message, SendPriority.Scheduled, null, CancellationToken.None);
        await WaitForAsync(() => Network.Held == 1, "the slow request on the wire");

        _time.Advance(TimeSpan.FromSeconds(30));
        slow.SetResult();
        await first;
        await DriveAsync(outbox.Value, second);

        Assert.Equal([Start.AddSeconds(30), Start.AddSeconds(90)], Api.Sent.Select(c => c.At));
    }

    [Fact]
    public async Task Dispatch_RequestUnansweredForTheCallTimeout_IsGivenUpAndRetriedWhileOtherChatsGoOn()
    {
        await using var outbox = await StartOutboxAsync(new TelegramOptions());
        Network.HoldNextSend();
        var slow = outbox.Value.EnqueueAsync(1, Message, SendPriority.Reply, null, CancellationToken.None);
        await WaitForAsync(() => Network.Held == 1, "the slow request on the wire");
        var other = outbox.Value.EnqueueAsync(2, Message, SendPriority.Reply, null, CancellationToken.None);
        await WaitForAsync(() => outbox.Value.Snapshot().WakeAt is not null, "the next paced slot");
        _time.Advance(outbox.Value.Snapshot().WakeAt!.Value - _time.GetUtcNow());
        Assert.Equal(SendOutcome.Sent, await other);

        _time.Advance(TimeSpan.FromSeconds(10));
        await WaitForAsync(() => Network.Held == 0, "the timed-out request given up");

        await DriveAsync(outbox.Value, slow);
        Assert.Equal(SendOutcome.Sent, await slow);
        Assert.Equal([2L, 1], Api.Sent.Select(c => c.ChatId));
        Assert.True(Api.Sent[1].At >= Start.AddSeconds(11), $"retried at {Api.Sent[1].At}, before the 1 s backoff after the timeout");
    }

    private async Task<OutboxScope> StartOutboxAsync(TelegramOptions options)
    {
        options.Token = BotApiDouble.Token;
        options.ApiBaseUrl = Api.BaseUrl;
        options.RateSafetyMargin = TimeSpan.Zero;
        var client = new TelegramBotClient(new TelegramBotClientOptions(BotApiDouble.Token, Api.BaseUrl) { RetryThreshold = 0, RetryCount = 0 }, Http);
        var outbox = new TelegramOutbox(client, Microsoft.Extensions.Options.Options.Create(options), _time, NullLogger<TelegramOutbox>.Instance);
        await outbox.StartAsync(CancellationToken.None);
        return new OutboxScope(outbox);
    }

    /// <summary>Moves the clock to each moment the outbox waits for (only while nothing is on the wire) until done.</summary>
    private async Task DriveAsync(TelegramOutbox outbox, Task done)
    {
        await WaitForAsync(
            () =>
            {
                if (outbox.Snapshot() is { InFlight: 0, WakeAt: { } wakeAt })
                {
                    if (wakeAt > _time.GetUtcNow())
                    {
                        _time.Advance(wakeAt - _time.GetUtcNow());
                    }
                    else
                    {
                        // Due but asleep: its timer was armed against a clock that moved meanwhile.
                        outbox.Wake();
                    }
                }

                return done.IsCompleted;
            },
            "the sends");
        await done;
    }

    /// <summary>Polls a condition about the outbox's state; the fake clock does not move meanwhile.</summary>
    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 - started > 60_000)
            {
                throw new TimeoutException($"Gave up waiting for {what}");
            }

            await Task.Delay(2);
        }
    }

    private sealed class OutboxScope(TelegramOutbox outbox) : IAsyncDisposable
    {
        public TelegramOutbox Value => outbox;

        public async ValueTask DisposeAsync()
        {
            await outbox.StopAsync(CancellationToken.None);
            outbox.Dispose();
        }
    }
}

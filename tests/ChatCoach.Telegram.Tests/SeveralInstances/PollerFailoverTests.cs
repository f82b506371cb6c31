using ChatCoach.Storage.Contract.Tests;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Testing;

namespace ChatCoach.Telegram.Tests.SeveralInstances;

/// <summary>A test that needs the PostgreSQL test server; skipped with how to start one when there is none and none is required.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}

/// <summary>
/// Two Telegram instances on one PostgreSQL database and one Bot API double: the advisory lock elects one long
/// poller, the other stands by, and takes over when the poller dies, from the offset the poller saved.
/// </summary>
/// <remarks>
/// The clock is a <see cref="TestClock"/>: an idle wait moves it only to a timer something has armed (the standby's
/// next try), never while a try is still talking to the database, so the take-over time is exact on a busy machine.
/// A plain fake clock stepped a second at a time while a try was in flight measured 37 minutes once.
/// </remarks>
[Collection(OneTestBotPollerAtATime.Name)]
public sealed class PollerFailoverTests() : SharedDatabaseTests(new TestClock(Start))
{
    /// <summary>The election interval: an idle wait for a take-over may step the clock that far, to the standby's next try.</summary>
    private static readonly TimeSpan ElectionInterval = TimeSpan.FromSeconds(5);

    private Task<TelegramTestHost> StartInstanceAsync(string name) =>
        StartInstanceAsync(name, new Dictionary<string, string?> { ["Telegram:PollerElectionInterval"] = ElectionInterval.ToString() });

    [PostgresFact]
    public async Task TwoInstances_PollerKilled_StandbyTakesOverAndEveryUpdateIsAnsweredWithoutOverlappingPolls()
    {
        var first = await StartInstanceAsync("first");
        await first.WaitUntilAsync(() => first.Polling.IsPoller, "the first instance elected", idleStep: TimeSpan.FromSeconds(1));
        var second = await StartInstanceAsync("second");
        try
        {
            await second.WaitUntilAsync(() => second.Polling.Status.StartsWith("standby", StringComparison.Ordinal), "the second instance standing by", idleStep: TimeSpan.FromSeconds(1));
            Assert.True(second.Polling.IsReady, "a standby is ready: healthy, just not polling");
            Assert.False(second.Polling.IsPoller);

            // The poller answers; the standby never calls getUpdates meanwhile (the double would end a poll with 409).
            for (var i = 0; i < 5; i++)
            {
                Enqueue(i);
            }

            await first.WaitUntilAsync(() => Answered().Count == 5, "the poller's five answers", idleStep: TimeSpan.FromSeconds(1));
            Assert.False(second.Polling.IsPoller);

            // One more arrives as the poller dies (maybe in flight), and more while nobody polls.
            Enqueue(5);
            await first.KillAsync();

            // Telegram sees the dead poller's connection close; only then may a new long poll start without a 409.
            await WhenAsync(() => !Api.IsLongPolling, "the dead poller's long poll to end");
            for (var i = 6; i < 11; i++)
            {
                Enqueue(i);
            }

            await second.WaitUntilAsync(() => second.Polling.IsPoller, "the standby taking over", idleStep: ElectionInterval);
            await second.WaitUntilAsync(() => Answered().Count == 11, "every update answered", idleStep: TimeSpan.FromSeconds(1));

            var answers = Answered();
            Assert.Equal(Enumerable.Range(0, 11), answers.Keys.Order());
            Assert.True(answers.Values.Count(n => n > 1) <= 1, $"at most the in-flight update answered twice: {string.Join(", ", answers.Where(a => a.Value > 1).Select(a => a.Key))}");
            Assert.True(answers.Values.All(n => n <= 2));
            Assert.Equal(0, Api.GetUpdatesConflicts);
            Assert.Contains(second.Logs.Entries, e => e.Message.StartsWith("Telegram: this instance is the long poller now", StringComparison.Ordinal));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task TwoInstances_PollerStops_StandbyTakesOverWithinTheIntervalAndOwnsScheduledPostsFromThen()
    {
        var first = await StartInstanceAsync("first");
        await first.WaitUntilAsync(() => first.Polling.IsPoller, "the first instance elected", idleStep: TimeSpan.FromSeconds(1));
        var second = await StartInstanceAsync("second");
        try
        {
            await second.WaitUntilAsync(() => second.Polling.Status.StartsWith("standby", StringComparison.Ordinal), "the second instance standing by", idleStep: TimeSpan.FromSeconds(1));
            Enqueue(0);
            await first.WaitUntilAsync(() => Answered().Count == 1, "the poller's answer", idleStep: TimeSpan.FromSeconds(1));

            // Telegram's send budget is per token: only the poller sends scheduled posts; the standby leaves them due.
            var chat = new ChatCoach.Core.Conversation.ChatAddress("telegram", "-100123");
            Assert.True(first.Sender.PostsTo(chat));
            Assert.False(second.Sender.PostsTo(chat));

            // A graceful stop gives the lock up; the standby's next try (at most one interval later) wins.
            await first.StopAsync();
            var stoppedAt = Time.GetUtcNow();
            await second.WaitUntilAsync(() => second.Polling.IsPoller, "the standby taking over", idleStep: ElectionInterval);
            Assert.True(Time.GetUtcNow() - stoppedAt <= TimeSpan.FromSeconds(6), $"took over after {Time.GetUtcNow() - stoppedAt}");
            Assert.True(second.Sender.PostsTo(chat));

            Enqueue(1);
            await second.WaitUntilAsync(() => Answered().Count == 2, "the new poller's answer", idleStep: TimeSpan.FromSeconds(1));
            Assert.All(Answered().Values, n => Assert.Equal(1, n));
            Assert.Equal(0, Api.GetUpdatesConflicts);
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    /// <summary>Real-time wait for something the double notices on its own (a closed connection); a minute as the safety net.</summary>
    private static async Task WhenAsync(Func<bool> condition, string what)
    {
        var giveUp = Environment.TickCount64 + 60_000;
        while (!condition())
        {
            if (Environment.TickCount64 > giveUp)
            {
                throw new TimeoutException($"Gave up waiting for {what}");
            }

            await Task.Delay(5);
        }
    }

    private void Enqueue(int n) => Api.Enqueue(Updates.PrivateMessage(500 + n, $"/echo update-{n}-end"));

    /// <summary>How often each update got its answer (the echo names it).</summary>
    private Dictionary<int, int> Answered() => Api.Sent
        .Select(c => System.Text.RegularExpressions.Regex.Match(c.Text, "update-([0-9]+)-end"))
        .Where(m => m.Success)
        .GroupBy(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
        .ToDictionary(g => g.Key, g => g.Count());
}

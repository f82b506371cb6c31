using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;

namespace ChatCoach.Telegram.Tests.Reliability;

/// <summary>
/// 600 people press Done; the real binary is stopped in the middle (SIGTERM or SIGKILL) and started again over the
/// same database, against one Bot API double that, like Telegram, keeps every update not yet confirmed by an offset.
/// </summary>
public sealed class DoneAcrossRestartTests : IAsyncLifetime
{
    private const int People = 600;
    private const long FirstPerson = 700_000;

    private readonly Dictionary<string, long> _pressBy = [];

    private BotApiDouble Api { get; set; } = null!;

    private TempDirectory Directory { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new BotApiDouble();
        Directory = new TempDirectory();
        await Api.StartAsync();
        for (var i = 0; i < People; i++)
        {
            var person = FirstPerson + i;
            var update = Updates.Callback(Updates.PrivateChat(person, "P" + i.ToString(CultureInfo.InvariantCulture)), person, "done", "P" + i.ToString(CultureInfo.InvariantCulture));
            _pressBy[update["callback_query"]!["id"]!.ToString()] = person;
            Api.Enqueue(update);
        }
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    /// <summary>
    /// Exactly once needs the drain to finish: about 100 queued replies take ~3.4 s at 30 msg/s, well within the
    /// default 8 s; on a heavily loaded test machine the bounds are raised so that the test checks the design, not
    /// the machine's speed (the host's shutdown timeout too, which bounds the drain).
    /// </summary>
    private static readonly Dictionary<string, string> GenerousStop = new()
    {
        ["Telegram__DrainTimeout"] = "00:00:40",
        ["Host__ShutdownTimeout"] = "00:00:50",
        ["shutdownTimeoutSeconds"] = "50",
    };

    [Fact]
    public async Task Sigterm_InTheMiddleOf600DonePresses_EveryPressAnsweredExactlyOnceAcrossTheRestart()
    {
        using (var first = BotProcess.Start(Api, Directory.Path, Directory.Database, GenerousStop))
        {
            await WaitForAsync(() => Api.Sent.Count >= 200, "200 answers", first);
            var exitCode = await first.TerminateAsync();
            Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{first.Output}");
        }

        var answeredByFirst = Api.Sent.Count;
        using (var second = BotProcess.Start(Api, Directory.Path, Directory.Database, GenerousStop))
        {
            // Every press answered and confirmed (waiting for the posts too would hang, not fail, if one were lost);
            // the stop below drains whatever is still queued, so nothing can arrive after the counts.
            await WaitForAsync(() => Toasts().Count == People && Api.Unconfirmed == 0 && Api.Sent.Count >= answeredByFirst, "every press answered and confirmed", second);
            Assert.Equal(0, await second.TerminateAsync());
        }

        Assert.InRange(answeredByFirst, 200, People - 1); // the stop really came in the middle
        var toasts = Toasts();
        Assert.Equal(_pressBy.Keys.Order(), toasts.Keys.Order());
        Assert.All(toasts, t => Assert.True(t.Value.Count == 1, $"press {t.Key} was answered {t.Value.Count} times: {string.Join(" / ", t.Value)}"));
        Assert.All(toasts, t => Assert.Equal("Day 1 🔥", t.Value[0]));
        var posts = Api.Sent.GroupBy(c => c.ChatId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(People, posts.Count);
        Assert.All(posts, p => Assert.True(p.Value == 1, $"chat {p.Key} got {p.Value} messages"));
        Assert.All(Api.Sent, c => Assert.StartsWith("<b>Day 1 🔥</b>", c.Text, StringComparison.Ordinal));
        await AssertStoredOnceAsync();
    }

    [Fact]
    public async Task Sigkill_InTheMiddleOf600DonePresses_EveryPressAnsweredAtLeastOnceAndStoredOnce()
    {
        using (var first = BotProcess.Start(Api, Directory.Path, Directory.Database))
        {
            await WaitForAsync(() => Api.Sent.Count >= 200, "200 answers", first);
            await first.KillAsync();
        }

        var answeredByFirst = Api.Sent.Count;
        using (var second = BotProcess.Start(Api, Directory.Path, Directory.Database))
        {
            await WaitForAsync(() => Toasts().Count == People && Api.Unconfirmed == 0 && Api.CountOf("getUpdates") > 0, "every press answered and confirmed", second);
            Assert.Equal(0, await second.TerminateAsync());
        }

        Assert.InRange(answeredByFirst, 200, People - 1);
        var toasts = Toasts();
        Assert.Equal(_pressBy.Keys.Order(), toasts.Keys.Order());

        // A press answered just before the kill may be answered again ("already counted"): a duplicate, never a loss.
        Assert.All(toasts, t => Assert.Contains(t.Value, text => text is "Day 1 🔥" or "Already counted — day 1 🔥"));
        await AssertStoredOnceAsync();
    }

    /// <summary>The toasts of answerCallbackQuery, by press.</summary>
    private Dictionary<string, List<string>> Toasts() => Api.Calls
        .Where(c => c.Method == "answerCallbackQuery" && c.Ok)
        .GroupBy(c => c.Body["callback_query_id"]!.ToString())
        .ToDictionary(g => g.Key, g => g.Select(c => c.Body["text"]?.ToString() ?? "").ToList());

    private async Task AssertStoredOnceAsync()
    {
        using var database = new ChatCoachDatabase(Directory.Database);
        var completions = new LiteDbCompletionStore(database);
        foreach (var person in _pressBy.Values)
        {
            var dates = await completions.GetAllDatesAsync(new PersonKey("telegram", person.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);
            Assert.True(dates.Count == 1, $"person {person} has {dates.Count} completions");
        }
    }

    /// <summary>Real processes, real time: a generous wall-clock safety net, never the thing measured.</summary>
    private async Task WaitForAsync(Func<bool> condition, string what, BotProcess bot)
    {
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (bot.HasExited)
            {
                throw new InvalidOperationException($"The bot exited while waiting for {what}; output:\n{bot.Output}");
            }

            if (Environment.TickCount64 - started > 300_000)
            {
                throw new TimeoutException($"Gave up waiting for {what} after 5 minutes; the double saw {Api.CountOf("getUpdates")} getUpdates, {Api.CountOf("answerCallbackQuery")} answers, {Api.Sent.Count} messages; bot output:\n{bot.Output}");
            }

            await Task.Delay(20);
        }
    }
}

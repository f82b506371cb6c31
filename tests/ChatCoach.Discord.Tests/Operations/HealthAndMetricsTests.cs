using System.Net;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Operations;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests.Operations;

/// <summary>
/// The operator's listener (<c>Health:Url</c> on a loopback port) over the real Discord adapter and the Discord double:
/// <c>/readyz</c> follows the gateway session, and the metrics count what the adapter really did.
/// </summary>
public sealed class HealthAndMetricsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-ops-").FullName;
    private DiscordDouble _discord = null!;
    private BotHost? _bot;

    // Properties, disposed in DisposeAsync (xunit's lifetime), as in the Telegram operations tests.
    private HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    private MetricRecorder? Recorder { get; set; }

    private BotHost Bot => _bot ?? throw new InvalidOperationException("start the bot first");

    private MetricRecorder Metrics => Recorder ?? throw new InvalidOperationException("start the bot first");

    private IAdapterReadiness Discord => Assert.Single(Bot.Get<IEnumerable<IAdapterReadiness>>());

    private Uri Address => Bot.Get<OperationsEndpoint>().Address ?? throw new InvalidOperationException("the listener has no address");

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
    }

    public async Task DisposeAsync()
    {
        Recorder?.Dispose();
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        await _discord.DisposeAsync();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Readyz_NotReadyBeforeReady_ReadyAfter_NotReadyWhileReconnecting_ThenReadyWithOneReconnect()
    {
        // The first connection never gets a HELLO: the bot is connected to nothing yet and must say so.
        _discord.Gateway.SilentConnection = 1;
        await StartAsync();
        await Bot.WaitForAsync(() => _discord.Gateway.Connections == 1, "the first gateway connection");

        var (status, text) = await GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("discord: shard 0/1 connecting", text, StringComparison.Ordinal);
        Assert.Contains("database: Healthy", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/healthz")).Status);

        // After the HELLO timeout (fake time) the bot connects again, identifies and gets READY.
        await Bot.AdvanceUntilAsync(() => Discord.IsReady, TimeSpan.FromSeconds(1), "READY on the second connection");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz")).Status);
        Assert.Equal(0, Metrics.Sum("chatcoach.gateway.reconnects"));

        await _discord.Gateway.DropAsync();
        await Bot.WaitForAsync(() => !Discord.IsReady, "the bot to notice the dropped connection");
        (status, text) = await GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("discord: shard 0/1 reconnecting", text, StringComparison.Ordinal);

        await Bot.AdvanceUntilAsync(() => Discord.IsReady, TimeSpan.FromMilliseconds(250), "the session resumed");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz")).Status);
        Assert.Equal(1, _discord.Gateway.Resumes);

        // The session is ready (IsConnected) a moment before the gateway client reports the reconnect.
        await Bot.WaitForAsync(() => Metrics.Sum("chatcoach.gateway.reconnects", ("platform", "discord")) == 1, "one reconnect counted");
    }

    [Fact]
    public async Task Metrics_AfterACommandAndA429_CountReceivedAnsweredSendsAndRateLimits_AndTheScrapeShowsThem()
    {
        await StartAsync();
        await Bot.WaitForAsync(() => Discord.IsReady, "READY");
        await Bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));

        var answer = await _discord.AnswerToAsync(DiscordEvents.SlashCommand(_discord.ApplicationId, "routine"));
        Assert.Equal(204, answer.Status);
        await Bot.WaitForAsync(() => Metrics.Sum("chatcoach.sends", ("platform", "discord"), ("outcome", "sent")) == 1, "the callback counted as a send");

        // A daily post whose first try gets a 429 (a per-route limit, retry_after 2 s): waited out, then sent.
        _discord.Rest.Inject(Fault.RateLimited(2, matches: (method, path) => method == "POST" && path.StartsWith("/channels/", StringComparison.Ordinal)));
        var post = Bot.Sender.SendAsync(new ChatAddress("discord", "1200000000000000042", DiscordEvents.GuildId), new Reply { Title = "Today" }, CancellationToken.None);
        await Bot.AdvanceUntilAsync(() => post.IsCompleted, TimeSpan.FromMilliseconds(100), "the post through a 429");

        Assert.Equal(SendStatus.Sent, (await post).Status);
        Assert.Equal(1, Metrics.Sum("chatcoach.messages.received", ("platform", "discord")));
        Assert.Equal(1, Metrics.Sum("chatcoach.messages.answered", ("platform", "discord")));
        Assert.Equal(1, Metrics.Count("chatcoach.reply.duration", ("platform", "discord")));
        Assert.Equal(2, Metrics.Sum("chatcoach.sends", ("platform", "discord"), ("outcome", "sent")));
        Assert.Equal(1, Metrics.Sum("chatcoach.sends", ("platform", "discord"), ("outcome", "rate_limited")));
        Assert.Equal(1, Metrics.Sum("chatcoach.sends.rate_limited", ("platform", "discord")));
        Assert.Equal(1, _discord.Rest.InjectedFaults);

        var (status, scrape) = await GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("chatcoach_messages_answered_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("chatcoach_sends_rate_limited_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("platform=\"discord\"", scrape, StringComparison.Ordinal);
    }

    private async Task StartAsync()
    {
        _bot = await BotHost.StartAsync(
            _discord,
            configure: b =>
            {
                b.AddStorage();
                b.AddOperations();
            },
            settings: s =>
            {
                s["Storage:Path"] = Path.Combine(_directory, "chatcoach.db");
                s["Health:Url"] = "http://127.0.0.1:0";
            });
        Recorder = new MetricRecorder(_bot.Get<ChatCoachMetrics>().Meter);
    }

    private async Task<(HttpStatusCode Status, string Text)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Address, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

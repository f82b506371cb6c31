using System.Net;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Operations;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.Operations;

/// <summary>
/// The operator's listener on a loopback port over the real Telegram adapter and the Bot API double: readiness follows
/// getUpdates, and the metrics count what the adapter really did.
/// </summary>
public sealed class HealthAndMetricsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    // Properties, disposed in DisposeAsync (xunit's lifetime), as in TelegramTestBase.
    private TempDirectory Directory { get; } = new();

    private HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    private BotApiDouble Api { get; set; } = null!;

    private TelegramTestHost Bot { get; set; } = null!;

    private MetricRecorder Metrics { get; set; } = null!;

    private IAdapterReadiness Telegram => Assert.Single(Bot.Get<IEnumerable<IAdapterReadiness>>());

    private Uri Address => Bot.Get<OperationsEndpoint>().Address ?? throw new InvalidOperationException("the listener has no address");

    public async Task InitializeAsync()
    {
        Api = new BotApiDouble(_time);
        await Api.StartAsync();
        Bot = await TelegramTestHost.StartAsync(
            Api,
            _time,
            Directory.Database,
            new Dictionary<string, string?> { ["Health:Url"] = "http://127.0.0.1:0" },
            builder =>
            {
                TelegramTestHost.AddTestCommands(builder);
                builder.AddOperations();
            });
        Metrics = new MetricRecorder(Bot.Get<ChatCoachMetrics>().Meter);
        await Bot.WaitUntilAsync(() => Telegram.IsReady, "the first answered getUpdates", idleStep: TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        Metrics.Dispose();
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Http.Dispose();
        Directory.Dispose();
    }

    [Fact]
    public async Task Readyz_WhileGetUpdatesFails_Is503AndReadyAgainAfterRecoveryWithOneReconnect()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/readyz"));

        // The poll in flight ends with this update; the next three getUpdates fail.
        Api.FailNext("getUpdates", Fault.ServerError, count: 3);
        Api.Enqueue(Updates.PrivateMessage(70, "/echo hello"));
        await Bot.WaitUntilAsync(() => !Telegram.IsReady, "a failed getUpdates");

        using (var down = await Http.GetAsync(new Uri(Address, "/readyz")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("telegram: getUpdates failing", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/healthz"));
        Assert.Equal(0, Metrics.Sum("chatcoach.gateway.reconnects"));

        await Bot.WaitUntilAsync(() => Telegram.IsReady, "getUpdates answering again", idleStep: TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/readyz"));
        Assert.Equal(1, Metrics.Sum("chatcoach.gateway.reconnects", ("platform", "telegram")));
        Assert.Equal(3, Api.Calls.Count(c => c.Method == "getUpdates" && c.Status == 500));
    }

    [Fact]
    public async Task Metrics_AfterAMessageAndA429_CountThemAndTheScrapeShowsThem()
    {
        Api.Enqueue(Updates.PrivateMessage(71, "/echo hello"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply");
        await Bot.WaitUntilAsync(() => Metrics.Sum("chatcoach.sends", ("outcome", "sent")) == 1, "the send counted");

        Api.FailNext("sendMessage", Fault.TooManyRequests, retryAfter: 2);
        var outcome = await Bot.RunAsync(Bot.Sender.SendAsync(new ChatAddress("telegram", "72"), new Reply { Title = "Today" }, CancellationToken.None), "a post through a 429");

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal(1, Metrics.Sum("chatcoach.messages.received", ("platform", "telegram")));
        Assert.Equal(1, Metrics.Sum("chatcoach.messages.answered", ("platform", "telegram")));
        Assert.Equal(1, Metrics.Count("chatcoach.reply.duration", ("platform", "telegram")));
        Assert.Equal(2, Metrics.Sum("chatcoach.sends", ("platform", "telegram"), ("outcome", "sent")));
        Assert.Equal(1, Metrics.Sum("chatcoach.sends", ("platform", "telegram"), ("outcome", "rate_limited")));
        Assert.Equal(1, Metrics.Sum("chatcoach.sends.rate_limited", ("platform", "telegram")));

        var scrape = await Http.GetStringAsync(new Uri(Address, "/metrics"));
        Assert.Contains("chatcoach_messages_received_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("chatcoach_sends_rate_limited_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("chatcoach_reply_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
        Assert.Contains("platform=\"telegram\"", scrape, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Address, path));
        return response.StatusCode;
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Receiving;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;

namespace ChatCoach.Telegram.Tests.Receiving;

/// <summary>
/// Webhook mode, one instance on LiteDB: the real adapter sets the webhook, the double posts updates to its listener
/// (through the double's stand-in for the load balancer) and retries what is not answered 2xx.
/// </summary>
public sealed partial class WebhookTests : IAsyncLifetime
{
    internal const string Secret = "webhook_Secret-for-tests_42";
    internal const string PublicUrl = "https://bot.example.org/telegram/hook";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
    private TempDirectory Folder { get; } = new();
    private BotApiDouble Api { get; }
    private HttpClient Http { get; } = new();

    public WebhookTests()
    {
        Api = new BotApiDouble(_time);
    }

    private string DatabasePath => Path.Combine(Folder.Path, "bot.db");

    public Task InitializeAsync() => Api.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        Folder.Dispose();
    }

    internal static Dictionary<string, string?> WebhookSettings(int maxConnections = 40) => new()
    {
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = PublicUrl,
        ["Telegram:WebhookListenUrl"] = "http://127.0.0.1:0",
        ["Telegram:WebhookSecret"] = Secret,
        ["Telegram:WebhookMaxConnections"] = maxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private Task<TelegramTestHost> StartAsync() => TelegramTestHost.StartAsync(Api, _time, DatabasePath, WebhookSettings(maxConnections: 3));

    [Fact]
    public async Task Conversation_SetsTheWebhookThenAnswersEveryUpdateOnceInOrderPerChat()
    {
        await using var bot = await StartAsync();

        var set = Assert.Single(Api.Calls, c => c.Method == "setWebhook");
        Assert.Equal(PublicUrl, set.Body["url"]!.ToString());
        Assert.Equal(Secret, set.Body["secret_token"]!.ToString());
        Assert.Equal(3, set.Body["max_connections"]!.GetValue<int>());
        Assert.Equal(["message", "callback_query", "my_chat_member", "channel_post"], set.Body["allowed_updates"]!.AsArray().Select(k => k!.ToString()));
        Assert.NotEqual(true, set.Body["drop_pending_updates"]?.GetValue<bool>());

        // Webhook mode never polls and never removes the webhook (Telegram would refuse getUpdates anyway).
        Assert.Equal(0, Api.CountOf("getUpdates"));
        Assert.Equal(0, Api.CountOf("deleteWebhook"));

        // Three chats, four messages each, before the load balancer has the instance: held, then delivered.
        for (var n = 0; n < 4; n++)
        {
            foreach (var chat in new[] { 701, 702, 703 })
            {
                Api.Enqueue(Updates.PrivateMessage(chat, $"/echo c{chat}-n{n}-end"));
            }
        }

        Api.WebhookBackends = [bot.Webhook.Address!.ToString()];
        await bot.WaitUntilAsync(() => Answers().Count == 12, "twelve answers");
        await bot.WaitUntilAsync(() => Api.Unconfirmed == 0, "every delivery answered 200");

        var answers = Answers();
        Assert.All(answers.GroupBy(a => a).Select(g => g.Count()), count => Assert.Equal(1, count));
        foreach (var chat in new[] { 701, 702, 703 })
        {
            Assert.Equal([.. Enumerable.Range(0, 4).Select(n => $"c{chat}-n{n}")], answers.Where(a => a.StartsWith($"c{chat}-", StringComparison.Ordinal)));
        }

        Assert.All(Api.WebhookDeliveries, d => Assert.Equal(200, d.Status));
        Assert.True(Api.MostWebhookDeliveriesInFlight <= 3, $"{Api.MostWebhookDeliveriesInFlight} deliveries at once, max_connections is 3");

        // Telegram.Bot's client reads the double's getWebhookInfo: the URL set, nothing pending.
        var client = new TelegramBotClient(new TelegramBotClientOptions(BotApiDouble.Token, Api.BaseUrl));
        var info = await client.GetWebhookInfo();
        Assert.Equal(PublicUrl, info.Url);
        Assert.Equal(0, info.PendingUpdateCount);
        Assert.Equal(3, info.MaxConnections);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_WithoutOrWithAWrongSecret_IsRefusedWithoutDetailAndNothingIsHandled()
    {
        await using var bot = await StartAsync();
        var update = Updates.PrivateMessage(704, "/echo forged-end");
        update["update_id"] = 9_001;

        var missing = await PostAsync(bot, update, secret: null);
        var wrong = await PostAsync(bot, update, secret: Secret + "x");
        var prefix = await PostAsync(bot, update, secret: Secret[..^1]);
        using var get = await Http.GetAsync(new Uri(bot.Webhook.Address!, bot.Webhook.Path));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Equal(HttpStatusCode.Forbidden, prefix.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.All(new[] { missing.Body, wrong.Body, prefix.Body }, body => Assert.Equal("", body));
        Assert.Empty(Api.Sent);
        Assert.Contains(bot.Logs.Entries, e => e.Message.StartsWith("Telegram webhook: refused a request from", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(Secret[..10], StringComparison.Ordinal));

        // The right secret: handled.
        var right = await PostAsync(bot, update, Secret);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Single(Api.Sent, c => c.Text.Contains("forged-end", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameUpdate_RetriedAndAfterARestart_IsAnsweredOnce()
    {
        var update = Updates.PrivateMessage(705, "/echo retried-end");
        update["update_id"] = 9_100;
        var bot = await StartAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, update, Secret)).Status);

            // Telegram did not get the 200 (a timeout, a lost connection) and sends it again.
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, update, Secret)).Status);
            Assert.Single(Api.Sent);
        }
        finally
        {
            await bot.DisposeAsync();
        }

        // And once more to the restarted instance: the seen id is in the database file.
        await using var restarted = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(restarted, update, Secret)).Status);
        Assert.Single(Api.Sent);

        // The double's retry: the first backend is down (the load balancer's other node), the retry reaches the bot.
        Api.WebhookBackends = ["http://127.0.0.1:1", restarted.Webhook.Address!.ToString()];
        Api.Enqueue(Updates.PrivateMessage(705, "/echo after-a-failure-end"));
        await restarted.WaitUntilAsync(() => Api.Unconfirmed == 0, "the retried delivery answered");
        Assert.Equal([0, 200], Api.WebhookDeliveries.Select(d => d.Status));
        Assert.Single(Api.Sent, c => c.Text.Contains("after-a-failure-end", StringComparison.Ordinal));
        var client = new TelegramBotClient(new TelegramBotClientOptions(BotApiDouble.Token, Api.BaseUrl));
        Assert.NotNull((await client.GetWebhookInfo()).LastErrorMessage);
    }

    private Task<(HttpStatusCode Status, string Body)> PostAsync(TelegramTestHost bot, JsonObject update, string? secret) => PostAsync(Http, bot, update, secret);

    /// <summary>Posts an update to the instance's listener as Telegram does, with <paramref name="secret"/> in the header.</summary>
    internal static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, TelegramTestHost bot, JsonObject update, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.Webhook.Address!, bot.Webhook.Path))
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhookReceiver.SecretHeader, secret);
        }

        // The answer comes once the reply is out; the fake clock moves meanwhile as a real one would.
        var sending = http.SendAsync(request);
        using var response = await bot.RunAsync(sending, "the webhook's answer");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The echoed markers ("c701-n0"), in the order the double accepted the replies.</summary>
    private List<string> Answers() => [.. Api.Sent.Select(c => Marker().Match(c.Text)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("(c[0-9]+-n[0-9]+)-end")]
    private static partial Regex Marker();
}

using System.Text.Json.Nodes;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord.Tests;

/// <summary>Start-up, shutdown and what reaches the logs, each on its own host and a fake clock.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Stop_WhileAnAnswerIsOnItsWay_SendsItBeforeTheHostStops()
    {
        await using var bot = await StartReadyAsync();
        var interaction = await DeferredSlowAsk(bot);

        using var shutdownTimeout = new CancellationTokenSource();
        var stopping = bot.Host.StopAsync(shutdownTimeout.Token);
        await bot.WaitForAsync(() => !_discord.Gateway.ClientCloseCodes.IsEmpty, "the gateway to close");
        bot.Get<FakeAskHandler>().SlowGate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        var edit = Assert.Single(_discord.Rest.Where("PATCH", "/messages/@original$"));
        Assert.Equal(200, edit.Status);
        Assert.Contains(interaction["token"]!.GetValue<string>(), edit.Path, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_AnswerNotReadyWithinTheShutdownTimeout_IsLoggedAsLostWithoutTheToken()
    {
        await using var bot = await StartReadyAsync();
        var interaction = await DeferredSlowAsk(bot);

        using var shutdownTimeout = new CancellationTokenSource();
        var stopping = bot.Host.StopAsync(shutdownTimeout.Token);
        await bot.WaitForAsync(() => !_discord.Gateway.ClientCloseCodes.IsEmpty, "the gateway to close");
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        var id = interaction["id"]!.GetValue<string>();
        await bot.WaitForAsync(() => bot.Logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("lost", StringComparison.Ordinal) && e.Message.Contains(id, StringComparison.Ordinal)), "the loss to be logged");
        Assert.Empty(_discord.Rest.Where("PATCH", "/messages/@original$"));
        var token = interaction["token"]!.GetValue<string>();
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(token, StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task LogsAtTrace_EvenForHttpClient_NeverCarryABotOrInteractionToken()
    {
        await using var bot = await BotHost.StartAsync(
            _discord,
            configure: b =>
            {
                // What an operator debugging a problem might set; the adapter's own filter must hold regardless.
                b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Logging:LogLevel:Default"] = "Trace",
                    ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
                });
                b.Logging.AddConfiguration(b.Configuration.GetSection("Logging"));
                b.Logging.SetMinimumLevel(LogLevel.Trace);
            });
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(bot.Services.GetRequiredService<ILoggerFactory>().CreateLogger("System.Net.Http.HttpClient.discord.ClientHandler").IsEnabled(LogLevel.Trace));

        var quick = DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "long answer")]);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", quick);

        // Answered before the clock moves for the slow one, so it is not deferred too.
        await bot.WaitForAsync(() => _discord.Rest.Where("POST", "^/webhooks/").Count >= 2, "the quick answer's follow-ups");
        var slow = await DeferredSlowAsk(bot);
        bot.Get<FakeAskHandler>().SlowGate.SetResult();
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message($"<@{_discord.BotUserId}> hello", mentionIds: [_discord.BotUserId]));
        await bot.WaitForAsync(
            () => _discord.Rest.Where("PATCH", "/messages/@original$").Count == 1
                && _discord.Rest.Where("POST", "^/channels/\\d+/messages$").Count == 1,
            "the answers");

        var secrets = new[] { _discord.Token, quick["token"]!.GetValue<string>(), slow["token"]!.GetValue<string>() };
        Assert.NotEmpty(bot.Logs.Entries);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }

    [Fact]
    public async Task Registration_50035_LogsTheFieldsDiscordNames_AndDoesNotRetry()
    {
        _discord.Rest.Inject(Fault.InvalidFormBody(new() { ["0.options.1.name"] = "Must be 32 or fewer in length." }, (method, _) => method == "PUT"));

        await using var bot = await StartReadyAsync();

        var error = Assert.Single(bot.Logs.AtLeast(LogLevel.Error));
        Assert.Contains("50035", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.options.1.name: Must be 32 or fewer in length.", error.Message, StringComparison.Ordinal);
        Assert.Single(_discord.Rest.Where("PUT", "/commands$"));
    }

    [Fact]
    public async Task Registration_ServerErrorsBeyondTheClientsRetries_AreTriedAgainLater()
    {
        // The client tries 4 times; the fifth and sixth attempts (the registrar's second round) fail too, the seventh works.
        _discord.Rest.Inject(Fault.ServerError((method, _) => method == "PUT"), times: 6);

        await using var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.AdvanceUntilAsync(() => bot.Get<DiscordEventHandler>().CommandsRegistered.IsCompleted, TimeSpan.FromMilliseconds(500), "the registration");

        var puts = _discord.Rest.Where("PUT", "/commands$");
        Assert.Equal(7, puts.Count);
        Assert.Equal(200, puts[^1].Status);
        Assert.Empty(bot.Logs.AtLeast(LogLevel.Error));
    }

    [Theory]
    [InlineData(4003)] // Not authenticated
    [InlineData(4005)] // Already authenticated
    public async Task CloseThatMeansTheSessionIsBroken_StartsANewSession(int code)
    {
        await using var bot = await StartReadyAsync();

        await _discord.Gateway.CloseAsync(code, "test");

        await bot.AdvanceUntilAsync(() => _discord.Gateway.Identifies == 2 && _discord.Gateway.SessionsStarted == 2, TimeSpan.FromMilliseconds(100), "a new session");
        Assert.Equal(0, _discord.Gateway.Resumes);
    }

    [Fact]
    public async Task GatewayBot_MaxConcurrencyAndRecommendedShards_DelayTheFirstIdentifyByBucket_AndWarn()
    {
        _discord.Rest.RecommendedShards = 4;
        _discord.Rest.MaxConcurrency = 1;

        // Shard 1 with max_concurrency 1 is in the second bucket: it identifies 5 s after shard 0 may.
        await using var bot = await BotHost.StartAsync(_discord, settings: s =>
        {
            s["Discord:ShardCount"] = "2";
            s["Discord:ShardId"] = "1";
        });
        await bot.WaitForAsync(() => bot.Logs.Entries.Any(e => e.Message.Contains("identify bucket", StringComparison.Ordinal)), "the bucket wait");

        // The wait is logged just before its timer is armed: moved in between, the clock would be lost to it.
        await _time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(5), "the identify bucket wait");
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Contains(TimeSpan.FromSeconds(0.1), _time.ArmedTimers);
        Assert.Equal(0, _discord.Gateway.Connections);

        _time.Advance(TimeSpan.FromSeconds(0.2));
        await _discord.Gateway.WaitForSessionsAsync(1, TimeSpan.FromSeconds(30));

        Assert.Contains(bot.Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("recommends 4 shards", StringComparison.Ordinal));
    }

    private async Task<BotHost> StartReadyAsync()
    {
        var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
        return bot;
    }

    private async Task<JsonObject> DeferredSlowAsk(BotHost bot)
    {
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "slow one")]);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        await bot.WaitForAsync(() => bot.Get<FakeAskHandler>().Seen.Any(m => m.Text!.Contains("slow one", StringComparison.Ordinal)), "the handler to start");
        _time.Advance(TimeSpan.FromSeconds(2));
        var path = $"/interactions/{interaction["id"]!.GetValue<string>()}/{interaction["token"]!.GetValue<string>()}/callback";
        await bot.WaitForAsync(() => _discord.Rest.Requests.Any(r => r.Path == path && r.Status == 204), "the deferral");
        return interaction;
    }
}

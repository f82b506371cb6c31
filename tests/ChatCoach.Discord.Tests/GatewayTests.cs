using System.Text.Json.Nodes;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Client;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;

    public async Task InitializeAsync()
    {
        // Discord's real interval: within these tests a beat comes only when a test moves the clock that far.
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    /// <summary>Starts the bot and waits until it has read READY (its session id), not only until the double sent it.</summary>
    private async Task<BotHost> StartReadyAsync()
    {
        var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
        return bot;
    }

    [Fact]
    public async Task Start_FetchesGatewayAndIdentifies_WithTokenIntentsShardAndVersion()
    {
        await using var bot = await BotHost.StartAsync(_discord);

        await _discord.Gateway.WaitForSessionsAsync(1);

        Assert.Single(_discord.Rest.Where("GET", "^/gateway/bot$"));
        var identify = Assert.Single(_discord.Gateway.Received, f => f.Op == 2).Data!;
        Assert.Equal(_discord.Token, identify["token"]!.GetValue<string>());
        // GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES: no privileged intent, so no Developer Portal switch to forget.
        Assert.Equal(1 | (1 << 9) | (1 << 12), identify["intents"]!.GetValue<int>());
        Assert.Equal(0, identify["intents"]!.GetValue<int>() & GatewayDouble.PrivilegedIntents);
        Assert.Equal("[0,1]", identify["shard"]!.ToJsonString());
        Assert.Contains("v=10", _discord.Gateway.QueryStrings.First(), StringComparison.Ordinal);
        Assert.Contains("encoding=json", _discord.Gateway.QueryStrings.First(), StringComparison.Ordinal);
        Assert.DoesNotContain("compress", _discord.Gateway.QueryStrings.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_CarriesLastSequence()
    {
        await using var bot = await StartReadyAsync();
        var seq = await _discord.Gateway.DispatchAsync("TYPING_START", new JsonObject { ["channel_id"] = DiscordEvents.ChannelId });
        await bot.WaitForAsync(() => bot.Get<DiscordGatewayClient>().Sequence == seq, "the bot to read the dispatch");

        await bot.AdvanceUntilAsync(() => _discord.Gateway.Received.Any(f => f.Op == 1 && f.Data?.GetValue<int>() == seq), TimeSpan.FromSeconds(1), "a heartbeat with the last sequence");
    }

    [Fact]
    public async Task Drop_ResumesWithLastSequence_AndLosesNoDispatch()
    {
        await using var bot = await StartReadyAsync();
        for (var i = 0; i < 3; i++)
        {
            await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", $"before drop {i}")]));
        }

        await _discord.Rest.WaitForAsync("POST", "/callback$", 3);
        var seenBeforeDrop = _discord.Gateway.LastSequence;

        await _discord.Gateway.DropAsync();
        for (var i = 0; i < 3; i++)
        {
            // Sent while the bot is away: only a RESUME replay can deliver these.
            await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", $"during drop {i}")]));
        }

        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 2, Step, "the resume");
        await _discord.Rest.WaitForAsync("POST", "/callback$", 6);

        var resume = Assert.Single(_discord.Gateway.Received, f => f.Op == 6).Data!;
        Assert.Equal(seenBeforeDrop, resume["seq"]!.GetValue<int>());
        Assert.Equal(_discord.Gateway.SessionId, resume["session_id"]!.GetValue<string>());
        Assert.Equal(1, _discord.Gateway.Identifies);
        Assert.Equal(6, _discord.Rest.Where("POST", "/callback$").Count);
        Assert.Contains("/gateway-resume", _discord.Gateway.QueryStrings.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DropMidStream_EveryInteractionAnsweredExactlyOnce()
    {
        await using var bot = await StartReadyAsync();

        for (var i = 0; i < 200; i++)
        {
            if (i is 70 or 140)
            {
                await _discord.Gateway.DropAsync();
            }

            await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", $"q{i}")]));
        }

        // The clock stands still while the bot is away, so both drops are one absence; move it until the bot is back.
        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted >= 2, Step, "the resume");
        await _discord.Rest.WaitForAsync("POST", "/callback$", 200, TimeSpan.FromSeconds(30));
        var callbacks = _discord.Rest.Where("POST", "/callback$");
        Assert.Equal(200, callbacks.Count);
        Assert.All(callbacks, c => Assert.Equal(204, c.Status));
        Assert.Equal(200, callbacks.Select(c => c.Path).Distinct().Count());
        Assert.Equal(1, _discord.Gateway.Identifies);
        Assert.True(_discord.Gateway.Resumes >= 1);
    }

    [Fact]
    public async Task MissedHeartbeatAck_ClosesAsZombieWithResumableCode_AndResumes()
    {
        await using var bot = await StartReadyAsync();

        _discord.Gateway.WithholdAcksOnConnection = _discord.Gateway.Connections;

        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 2, TimeSpan.FromSeconds(1), "the zombie to be detected and the session resumed");
        Assert.Equal(1, _discord.Gateway.Resumes);
        Assert.Equal(1, _discord.Gateway.Identifies);
        var closeCode = _discord.Gateway.ClientCloseCodes.First();
        Assert.NotNull(closeCode);
        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);
    }

    [Fact]
    public async Task ResumeUrlUnreachable_AfterThreeTries_IdentifiesOnTheMainUrl()
    {
        await using var bot = await StartReadyAsync();
        _discord.Gateway.RefuseResumeConnections = true;

        await _discord.Gateway.DropAsync();

        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 2, Step, "a new session on the main URL");
        Assert.Equal(2, _discord.Gateway.Identifies);
        Assert.Equal(3, _discord.Gateway.QueryStrings.Count(q => q.StartsWith("/gateway-resume", StringComparison.Ordinal)));
        Assert.StartsWith("/gateway?", _discord.Gateway.QueryStrings.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHello_GivesUpOnTheConnection_AndConnectsAgain()
    {
        _discord.Gateway.SilentConnection = 1;

        await using var bot = await BotHost.StartAsync(_discord);
        await bot.WaitForAsync(() => _discord.Gateway.Connections == 1, "the first connection");

        // Discord's HelloTimeout default (30 s) on the shared clock.
        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 1, TimeSpan.FromSeconds(1), "a session on a second connection");
        Assert.Equal(2, _discord.Gateway.Connections);
        Assert.Equal(1, _discord.Gateway.Identifies);
    }

    [Fact]
    public async Task Reconnect_Op7_Resumes()
    {
        await using var bot = await StartReadyAsync();

        await _discord.Gateway.SendReconnectAsync();

        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 2, Step, "the resume");
        Assert.Equal(1, _discord.Gateway.Resumes);
        Assert.Equal(1, _discord.Gateway.Identifies);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAgain()
    {
        await using var bot = await StartReadyAsync();
        var firstSession = _discord.Gateway.SessionId;

        await _discord.Gateway.SendInvalidSessionAsync(resumable: false);

        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 2, Step, "the new session");
        Assert.Equal(2, _discord.Gateway.Identifies);
        Assert.Equal(0, _discord.Gateway.Resumes);
        Assert.NotEqual(firstSession, _discord.Gateway.SessionId);
    }

    [Fact]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var bot = await StartReadyAsync();

        await _discord.Gateway.SendInvalidSessionAsync(resumable: true);

        await bot.AdvanceUntilAsync(() => _discord.Gateway.SessionsStarted == 2, Step, "the resume");
        Assert.Equal(1, _discord.Gateway.Resumes);
        Assert.Equal(1, _discord.Gateway.Identifies);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4014)]
    public async Task FatalCloseCode_StopsOnlyTheAdapter_WithOneLogLine(int code)
    {
        _discord.Gateway.RejectIdentifyWith = code;
        await using var bot = await BotHost.StartAsync(_discord);

        await bot.Get<DiscordAdapterService>().Stopped.WaitAsync(TimeSpan.FromSeconds(15));

        var errors = bot.Logs.AtLeast(LogLevel.Warning);
        var line = Assert.Single(errors);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Message, StringComparison.Ordinal);
        Assert.Null(line.Exception);
        Assert.Equal(1, _discord.Gateway.Identifies);
        Assert.False(bot.Get<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains(_discord.Token, StringComparison.Ordinal));
    }
}

using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Client;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>Discord's real heartbeat interval (41.25 s), on the fake clock the bot and the double share, over real sockets.</summary>
public sealed class FakeTimeGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(41_250);
    private static readonly TimeSpan ReconnectMin = TimeSpan.FromSeconds(1);
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = (int)Interval.TotalMilliseconds;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Heartbeat_FirstBeatWithinOneInterval_ThenOneEveryInterval()
    {
        await using var bot = await StartQuietAsync();
        Assert.Equal(0, Beats());

        // Fake time moves only once the bot waits for its next beat, so each measure is exactly the bot's own wait.
        var first = await _time.AdvanceToTimerAsync(d => d > TimeSpan.Zero && d <= Interval, "the jittered first beat");
        await BotHost.WaitAsync(() => Beats() == 1 && Acks(bot) == 1, "the first beat and its ACK");
        var second = await _time.AdvanceToTimerAsync(d => d == Interval, "the beat after the first");
        await BotHost.WaitAsync(() => Beats() == 2 && Acks(bot) == 2, "the second beat and its ACK");
        var third = await _time.AdvanceToTimerAsync(d => d == Interval, "the beat after the second");
        await BotHost.WaitAsync(() => Beats() == 3, "the third beat");

        Assert.InRange(first, TimeSpan.Zero, Interval);
        Assert.Equal(Interval, second);
        Assert.Equal(Interval, third);
        Assert.Equal(3, Beats());
        Assert.Equal(1, _discord.Gateway.Connections);
    }

    [Fact]
    public async Task MissedAck_OnFakeTime_ZombieDetectedAtTheNextBeat()
    {
        await using var bot = await StartQuietAsync();
        _discord.Gateway.WithholdAcksOnConnection = 1;
        await _time.AdvanceToTimerAsync(d => d > TimeSpan.Zero && d <= Interval, "the jittered first beat");
        await BotHost.WaitAsync(() => Beats() == 1, "the first beat");

        // The next beat finds no ACK: close, back off (Discord's default: 1 s plus up to half a second of jitter),
        // reconnect and resume. Nothing else moves the clock, so the resume needs no fake time of its own.
        var untilZombie = await _time.AdvanceToTimerAsync(d => d == Interval, "the beat that finds no ACK");
        var backoff = await _time.AdvanceToTimerAsync(d => d >= ReconnectMin && d <= ReconnectMin * 1.5, "the reconnect backoff");
        await BotHost.WaitAsync(() => _discord.Gateway.SessionsStarted == 2, "the resumed session");

        Assert.Equal(Interval, untilZombie);
        Assert.InRange(backoff, ReconnectMin, ReconnectMin * 1.5);
        Assert.Equal(1, Beats());
        Assert.Equal(1, _discord.Gateway.Resumes);
        Assert.NotEqual(1000, _discord.Gateway.ClientCloseCodes.First());
    }

    /// <summary>
    /// The bot with its session up and its slash commands registered: no REST call is on the wire, so the only timer
    /// within an interval is the heartbeat's (a request's timeout is armed on the same clock while it is in flight).
    /// </summary>
    private async Task<BotHost> StartQuietAsync()
    {
        var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TestClock.Patience);
        return bot;
    }

    /// <summary>The ACKs the bot has taken in: the clock passes the next beat only after them, or the bot would rightly call the connection a zombie.</summary>
    private static int Acks(BotHost bot) => bot.Get<DiscordGatewayClient>().HeartbeatAcks;

    private int Beats() => _discord.Gateway.Received.Count(f => f.Op == 1);
}

using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Discord.Tests.TestDouble;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>Discord's real heartbeat interval (41.25 s), driven by <see cref="FakeTimeProvider"/> over real sockets.</summary>
public sealed class FakeTimeGatewayTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync();
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Heartbeat_FirstBeatWithinOneInterval_ThenOneEveryInterval()
    {
        await using var bot = await BotHost.StartAsync(_discord, configure: b => b.Services.AddSingleton<TimeProvider>(_time));
        await _discord.Gateway.WaitForSessionsAsync(1);
        Assert.Equal(0, Beats());

        _time.Advance(TimeSpan.FromMilliseconds(41_250));
        await DiscordDouble.WaitUntilAsync(() => Beats() == 1, what: "the first (jittered) heartbeat");

        _time.Advance(TimeSpan.FromMilliseconds(41_250));
        await DiscordDouble.WaitUntilAsync(() => Beats() == 2, what: "the second heartbeat");
        _time.Advance(TimeSpan.FromMilliseconds(41_250));
        await DiscordDouble.WaitUntilAsync(() => Beats() == 3, what: "the third heartbeat");
        Assert.Equal(1, _discord.Gateway.Connections);
    }

    [Fact]
    public async Task MissedAck_OnFakeTime_ZombieDetectedAtTheNextBeat()
    {
        await using var bot = await BotHost.StartAsync(_discord, configure: b => b.Services.AddSingleton<TimeProvider>(_time));
        await _discord.Gateway.WaitForSessionsAsync(1);
        _discord.Gateway.WithholdAcksOnConnection = 1;

        _time.Advance(TimeSpan.FromMilliseconds(41_250));
        await DiscordDouble.WaitUntilAsync(() => Beats() == 1, what: "the first heartbeat");
        Assert.Equal(1, _discord.Gateway.Connections);

        // The next beat finds no ACK: close, back off (tens of fake milliseconds), reconnect and resume.
        _time.Advance(TimeSpan.FromMilliseconds(41_250));
        for (var step = 0; step < 2_000 && _discord.Gateway.SessionsStarted < 2; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(5);
        }

        Assert.Equal(2, _discord.Gateway.SessionsStarted);
        Assert.Equal(1, _discord.Gateway.Resumes);
        Assert.NotEqual(1000, _discord.Gateway.ClientCloseCodes.First());
    }

    private int Beats() => _discord.Gateway.Received.Count(f => f.Op == 1);
}

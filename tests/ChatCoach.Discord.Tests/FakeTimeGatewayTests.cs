using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>Discord's real heartbeat interval (41.25 s), on the fake clock the bot and the double share, over real sockets.</summary>
public sealed class FakeTimeGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(41_250);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
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
        await using var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        Assert.Equal(0, Beats());

        var first = await AdvanceUntil(() => Beats() == 1);
        var second = await AdvanceUntil(() => Beats() == 2);
        var third = await AdvanceUntil(() => Beats() == 3);

        Assert.True(first <= Interval + Slack, $"first beat after {first}");

        // Never early; a little late is the bot arming its next timer a moment (and some fake seconds) after the
        // server sees a beat on a busy machine.
        Assert.InRange(second, Interval - Step, Interval + Slack);
        Assert.InRange(third, Interval - Step, Interval + Slack);
        Assert.Equal(1, _discord.Gateway.Connections);
    }

    [Fact]
    public async Task MissedAck_OnFakeTime_ZombieDetectedAtTheNextBeat()
    {
        await using var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        _discord.Gateway.WithholdAcksOnConnection = 1;
        await AdvanceUntil(() => Beats() == 1);

        // The next beat finds no ACK: close, back off (tens of fake milliseconds), reconnect and resume.
        var untilResumed = await AdvanceUntil(() => _discord.Gateway.SessionsStarted == 2);

        Assert.InRange(untilResumed, Interval - Step, Interval + Slack);
        Assert.Equal(1, _discord.Gateway.Resumes);
        Assert.NotEqual(1000, _discord.Gateway.ClientCloseCodes.First());
    }

    /// <summary>Moves fake time forward in small steps until the condition holds; returns how much fake time that took.</summary>
    private async Task<TimeSpan> AdvanceUntil(Func<bool> condition)
    {
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            _time.Advance(Step);
            advanced += Step;

            // Give the bot's continuations and the loopback socket a moment to act on the new time.
            for (var spin = 0; spin < 5 && !condition(); spin++)
            {
                await Task.Delay(1);
            }
        }

        Assert.True(condition(), "the condition never held");
        return advanced;
    }

    private int Beats() => _discord.Gateway.Received.Count(f => f.Op == 1);
}

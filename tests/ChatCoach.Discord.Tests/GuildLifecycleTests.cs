using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>Discord's news about channels and servers reaches the stored subscriptions at once (LiteDB, real handlers).</summary>
public sealed class GuildLifecycleTests : IAsyncLifetime
{
    private const string Guild = DiscordEvents.GuildId;
    private const string General = "1200000000000000401";
    private const string Other = "1200000000000000402";
    private const string Thread = "1200000000000000403";

    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    private ISubscriptionStore Store => _bot.Get<ISubscriptionStore>();

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
        _bot = await BotHost.StartAsync(
            _discord,
            configure: b =>
            {
                b.AddStorage();
                b.AddRoutines();
            },
            settings: s => s["Storage:Path"] = Path.Combine(_directory, "chatcoach.db"),
            withFakeHandlers: false);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
        await _discord.Gateway.DispatchAsync("GUILD_CREATE", DiscordEvents.GuildCreate(Guild, [General, Other], [Thread]));
        foreach (var channel in new[] { General, Other, Thread })
        {
            await _discord.Gateway.DispatchAsync(
                "INTERACTION_CREATE",
                DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("time", "07:30")], channelId: channel, permissions: DiscordEvents.ManageChannels, channelType: channel == Thread ? 11 : 0));
        }

        await _discord.Rest.WaitForAsync("POST", "/callback$", 3);
        foreach (var channel in new[] { General, Other, Thread })
        {
            Assert.True((await Find(channel))?.Enabled, $"{channel} subscribed");
        }
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ChannelDelete_DisablesThatChannelsSubscriptionOnly()
    {
        await _discord.Gateway.DispatchAsync("CHANNEL_DELETE", DiscordEvents.ChannelDelete(General));

        await UntilDisabled(General);
        Assert.Contains("deleted", (await Find(General))!.DisabledReason, StringComparison.Ordinal);
        Assert.True((await Find(Other))!.Enabled);
        Assert.True((await Find(Thread))!.Enabled);
    }

    [Fact]
    public async Task ThreadDelete_DisablesTheThreadsSubscription()
    {
        await _discord.Gateway.DispatchAsync("THREAD_DELETE", DiscordEvents.ChannelDelete(Thread, type: 11));

        await UntilDisabled(Thread);
        Assert.True((await Find(General))!.Enabled);
    }

    [Fact]
    public async Task GuildDelete_OutageKeepsSubscriptions_RemovalDisablesThemAll()
    {
        await _discord.Gateway.DispatchAsync("GUILD_DELETE", DiscordEvents.GuildDelete(Guild, unavailable: true));
        await _discord.Gateway.DispatchAsync("CHANNEL_DELETE", DiscordEvents.ChannelDelete("1200000000000000499"));
        await Task.Delay(200);
        Assert.All(new[] { General, Other, Thread }, c => Assert.True(Find(c).GetAwaiter().GetResult()!.Enabled));

        await _discord.Gateway.DispatchAsync("GUILD_DELETE", DiscordEvents.GuildDelete(Guild));

        foreach (var channel in new[] { General, Other, Thread })
        {
            await UntilDisabled(channel);
            Assert.Contains("removed", (await Find(channel))!.DisabledReason, StringComparison.Ordinal);
        }
    }

    private Task<Subscription?> Find(string channel) => Store.FindAsync(new ChatAddress("discord", channel, Guild), CancellationToken.None);

    private async Task UntilDisabled(string channel)
    {
        var started = Environment.TickCount64;
        while ((await Find(channel))?.Enabled != false)
        {
            Assert.True(Environment.TickCount64 - started < 30_000, $"{channel} was never disabled");
            await Task.Delay(10);
        }
    }
}

using System.Text.Json.Nodes;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

public sealed class RobustnessTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;

    public async Task InitializeAsync() => _discord = await DiscordDouble.StartAsync(time: _time);

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task MalformedDispatch_IsLoggedAndSkipped_SessionCarriesOn()
    {
        await using var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);

        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", JsonValue.Create(5)!);
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", new JsonObject { ["id"] = new JsonArray() });
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "still there?")]));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        Assert.Equal(1, _discord.Gateway.Connections);
        Assert.Equal(2, bot.Logs.AtLeast(LogLevel.Error).Count);
    }

    [Fact]
    public async Task DevGuildId_RegistersCommandsToThatGuildOnly()
    {
        await using var bot = await BotHost.StartAsync(_discord, settings: s => s["Discord:DevGuildId"] = DiscordEvents.GuildId);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));

        var put = Assert.Single(_discord.Rest.Where("PUT", "/commands$"));
        Assert.Equal($"/applications/{_discord.ApplicationId}/guilds/{DiscordEvents.GuildId}/commands", put.Path);
        Assert.Equal(200, put.Status);
    }

    [Fact]
    public async Task ConfiguredGatewayUrl_SkipsGatewayLookup()
    {
        await using var bot = await BotHost.StartAsync(_discord, settings: s => s["Discord:GatewayUrl"] = _discord.GatewayBaseUrl);

        await _discord.Gateway.WaitForSessionsAsync(1);

        Assert.Empty(_discord.Rest.Where("GET", "^/gateway/bot$"));
    }

    [Fact]
    public async Task RestRequests_CarryBotAuthorizationAndUserAgent_ExceptInteractionCallbacks()
    {
        await using var bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "headers")]));
        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);

        Assert.All(_discord.Rest.Requests, r => Assert.StartsWith("DiscordBot (https://", r.UserAgent, StringComparison.Ordinal));
        Assert.All(_discord.Rest.Where("GET", "^/gateway/bot$"), r => Assert.Equal($"Bot {_discord.Token}", r.Authorization));
        Assert.All(_discord.Rest.Where("POST", "/callback$"), r => Assert.True(string.IsNullOrEmpty(r.Authorization)));
    }
}

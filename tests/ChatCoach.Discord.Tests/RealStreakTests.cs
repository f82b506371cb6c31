using System.Text.Json.Nodes;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>The real done, streak, timezone and leaderboard commands over LiteDB, through Discord.</summary>
public sealed class RealStreakTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-").FullName;
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _bot = await BotHost.StartAsync(
            _discord,
            configure: b =>
            {
                b.AddStorage();
                b.AddRoutines();
                b.AddStreaks();
            },
            settings: s => s["Storage:Path"] = Path.Combine(_directory, "chatcoach.db"),
            withFakeHandlers: false);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DoneButtonOnTheRoutine_PressedTwice_CountsOnce_AnswersEphemerallyWithTheDay()
    {
        var routine = await Command("routine", []);
        var doneId = routine["data"]!["components"]!.AsArray()
            .SelectMany(row => row!["components"]!.AsArray())
            .Select(b => b!["custom_id"]!.GetValue<string>())
            .Single(id => id == "done");

        var first = await Press(doneId);
        var second = await Press(doneId);

        Assert.Equal(64, first["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Day 1 🔥", first["data"]!["content"]!.GetValue<string>());
        Assert.Equal(64, second["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Already counted — day 1 🔥", second["data"]!["content"]!.GetValue<string>());
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task TimezoneThenStreakAndLeaderboard_AnswerWithinLimits()
    {
        var zone = await Command("timezone", [("zone", "Europe/Berlin")]);
        Assert.Contains("Europe/Berlin", zone["data"]!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
        await Press("done");

        var streak = await Command("streak", []);
        var leaderboard = await Command("leaderboard", []);

        Assert.NotNull(streak["data"]!["embeds"]);
        Assert.Contains("Runner", leaderboard["data"]!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
        Assert.All(_discord.Rest.Requests, r => Assert.True(r.Status < 300, $"{r.Method} {r.Path} → {r.Status}"));
    }

    [Fact]
    public async Task Timezone_WithoutZone_ShowsTheCurrentOne()
    {
        var reply = await Command("timezone", []);

        Assert.NotNull(reply["data"]!["embeds"]![0]!["description"]);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    private async Task<JsonNode> Command(string name, IReadOnlyList<(string, string)> options) =>
        await Answer(DiscordEvents.SlashCommand(_discord.ApplicationId, name, options));

    private async Task<JsonNode> Press(string customId) => await Answer(DiscordEvents.ButtonPress(_discord.ApplicationId, customId));

    private async Task<JsonNode> Answer(JsonObject interaction)
    {
        var callback = await _discord.AnswerToAsync(interaction);
        Assert.Equal(204, callback.Status);
        return callback.Body!;
    }
}

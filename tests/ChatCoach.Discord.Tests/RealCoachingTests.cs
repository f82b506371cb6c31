using System.Text.Json.Nodes;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>The pain check-in buttons through Discord component custom ids, and the private reminder, with no adapter change.</summary>
public sealed class RealCoachingTests : IAsyncLifetime
{
    private const string DmChannel = "1300000000000000099";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-coaching-").FullName;
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
                b.AddCoaching();
                b.AddReminders();
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
    public async Task DoneThenPainButton_CustomIdsRouteToPain_AnsweredEphemerally()
    {
        var done = await Press("done");
        var ids = done["data"]!["components"]!.AsArray()
            .SelectMany(row => row!["components"]!.AsArray())
            .Select(b => b!["custom_id"]!.GetValue<string>())
            .ToList();

        var pain = await Press("pain:5");

        Assert.Equal(["pain:1", "pain:3", "pain:5", "pain:6"], ids);
        Assert.Equal(64, pain["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Noted: 5/10", pain["data"]!["content"]!.GetValue<string>());
        Assert.Equal(0, _discord.Rest.InvalidBodies);
        Assert.Contains(_discord.Rest.Requests, r => r.Path.EndsWith("/commands", StringComparison.Ordinal) && r.Body!.ToJsonString().Contains("\"pause\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Remind_SetInTheBotsDm_TheNudgeIsPostedToThatDmAtTheTimeWithADoneButton()
    {
        // Monday 10:00 UTC, no zone set: 10:30 is UTC.
        var set = await DirectCommand("remind", [(DiscordCommands.GenericOption, "10:30")]);
        await DiscordDouble.WaitUntilAsync(() => AnswerTexts(set).Contains("Reminder set", StringComparison.Ordinal), what: "the /remind answer");
        Assert.False(Nudged());

        await _bot.AdvanceUntilAsync(Nudged, TimeSpan.FromSeconds(30), "the reminder");

        var nudge = Assert.Single(_discord.Rest.Requests, IsNudge).Body!.ToJsonString();
        Assert.Contains("Streak saver", nudge, StringComparison.Ordinal);
        Assert.Contains("\"custom_id\":\"done\"", nudge, StringComparison.Ordinal);
        Assert.InRange(_time.GetUtcNow(), new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 10, 31, 0, TimeSpan.Zero));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task Remind_PersonBlockedTheBot_TheNudgeStopsAtTheFirst50007AndRemindSaysSo()
    {
        var set = await DirectCommand("remind", [(DiscordCommands.GenericOption, "10:30")]);
        await DiscordDouble.WaitUntilAsync(() => AnswerTexts(set).Contains("Reminder set", StringComparison.Ordinal), what: "the /remind answer");
        _discord.Rest.ChannelRefusals[DmChannel] = (403, 50007); // Cannot send messages to this user

        await _bot.AdvanceUntilAsync(Nudged, TimeSpan.FromSeconds(30), "the refused reminder");
        var person = new PersonKey("discord", "1400000000000000001");
        await DiscordDouble.WaitUntilAsync(
            () => _bot.Get<IReminderStore>().GetAsync(person, CancellationToken.None).GetAwaiter().GetResult() is { Enabled: false },
            what: "the reminder disabled");

        Assert.Single(_discord.Rest.Requests, IsNudge); // not retried: a DM's 50007 is not a temporary failure
        var status = await DirectCommand("remind", []);
        await DiscordDouble.WaitUntilAsync(() => AnswerTexts(status).Contains("message you any more. Set it again with /remind HH:MM", StringComparison.Ordinal), what: "the /remind status");
    }

    private bool IsNudge(RecordedRequest request) => request.Method == "POST" && request.Path == $"/channels/{DmChannel}/messages";

    private bool Nudged() => _discord.Rest.Requests.Any(IsNudge);

    // The answer is the interaction callback, or (after a deferral) the webhook edit that follows it.
    private string AnswerTexts(JsonNode callback) =>
        callback.ToJsonString() + string.Join("\n", _discord.Rest.Requests.Where(r => r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)).Select(r => r.Body?.ToJsonString()));

    private async Task<JsonNode> DirectCommand(string name, IReadOnlyList<(string, string)> options) =>
        await Answer(DiscordEvents.SlashCommand(_discord.ApplicationId, name, options, guildId: null, channelId: DmChannel, channelType: 1));

    private async Task<JsonNode> Press(string customId) => await Answer(DiscordEvents.ButtonPress(_discord.ApplicationId, customId));

    private async Task<JsonNode> Answer(JsonObject interaction)
    {
        var callback = await _discord.AnswerToAsync(interaction);
        Assert.Equal(204, callback.Status);
        return callback.Body!;
    }
}

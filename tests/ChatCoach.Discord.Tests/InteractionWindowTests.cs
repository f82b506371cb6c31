using System.Text.Json.Nodes;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Client;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>Discord's 3-second and 15-minute windows, on a fake clock the bot and the double share.</summary>
public sealed class InteractionWindowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
        // These tests jump the clock by minutes; a request still on the wire must not see that as its 15 s timeout.
        _bot = await BotHost.StartAsync(_discord, settings: s => s["Discord:RequestTimeout"] = "02:00:00");
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        _bot.Get<FakeAskHandler>().BlockGate.Set();
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task HandlerThatBlocksItsThread_IsDeferredAtDeferAfter_ThenTheOriginalIsEdited()
    {
        var interaction = await Dispatch("ask", [("question", "block on the database")]);
        await _bot.WaitForAsync(() => !_bot.Get<FakeAskHandler>().Seen.IsEmpty, "the handler to start");
        Assert.Null(Callback(interaction));

        _time.Advance(TimeSpan.FromSeconds(2));

        await _bot.WaitForAsync(() => Callback(interaction) is not null, "the deferral");
        var deferral = Callback(interaction)!;
        Assert.Equal(204, deferral.Status);
        Assert.Equal(5, deferral.Body!["type"]!.GetValue<int>());
        Assert.True(deferral.At - DiscordEvents.TimeOf(interaction["id"]!.GetValue<string>()) < TimeSpan.FromSeconds(3));

        _bot.Get<FakeAskHandler>().BlockGate.Set();
        await _bot.WaitForAsync(() => _discord.Rest.Where("PATCH", "/messages/@original$").Count == 1, "the edit");
        Assert.Equal(200, _discord.Rest.Where("PATCH", "/messages/@original$")[0].Status);
    }

    [Fact]
    public async Task InteractionReadLate_DeadlineRunsFromItsSnowflake_DefersAtOnce()
    {
        // Created 2.5 s ago (a slow gateway, a backlog): only half a second of Discord's 3 s is left.
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "slow, read late")]);
        interaction["id"] = DiscordEvents.SnowflakeAt(_time.GetUtcNow() - TimeSpan.FromSeconds(2.5), 7);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction, keepId: true);

        await _bot.WaitForAsync(() => Callback(interaction) is not null, "the deferral, without the clock moving");
        var deferral = Callback(interaction)!;
        Assert.Equal(5, deferral.Body!["type"]!.GetValue<int>());
        Assert.Equal(204, deferral.Status);
        Assert.Equal(Start, deferral.At);
        _bot.Get<FakeAskHandler>().SlowGate.SetResult();
    }

    [Fact]
    public async Task PrivateCommand_Slow_DefersEphemerally_ThenEditsTheOriginal()
    {
        var interaction = await Dispatch("streak", []);

        await DeferAsync(interaction);
        var deferral = Callback(interaction)!;
        Assert.Equal(5, deferral.Body!["type"]!.GetValue<int>());
        Assert.Equal(64, deferral.Body["data"]!["flags"]!.GetValue<int>());

        _bot.Get<FakeStreakHandler>().Gate.SetResult();
        await _bot.WaitForAsync(() => _discord.Rest.Where("PATCH", "/messages/@original$").Count == 1, "the edit");
        Assert.Empty(_discord.Rest.Where("DELETE", "/messages/@original$"));
        Assert.Empty(_discord.Rest.Where("POST", "^/webhooks/"));
    }

    [Fact]
    public async Task CallbackWhoseAnswerWasLost_RetryGets40060_CountsAsAnswered_FollowUpsSent()
    {
        _discord.Rest.Inject(Fault.AnswerLost((method, path) => path.EndsWith("/callback", StringComparison.Ordinal)));

        var interaction = await Dispatch("ask", [("question", "long answer")]);

        await _bot.AdvanceUntilAsync(() => _discord.Rest.Where("POST", "^/webhooks/\\d+/[^/]+$").Count(r => r.Status == 200) >= 2, TimeSpan.FromMilliseconds(100), "the follow-ups");
        var callbacks = _discord.Rest.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
        Assert.Equal([502, 400], callbacks.Select(c => c.Status));
        Assert.Equal(1, _discord.Rest.Callbacks);
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Message.Contains("first answer", StringComparison.Ordinal));
        Assert.NotNull(interaction["token"]);
    }

    [Fact]
    public async Task AnswerReadyAfterFifteenMinutes_IsNotSent_AndLoggedAsLostWithoutTheToken()
    {
        var interaction = await Dispatch("ask", [("question", "slow, very")]);
        await DeferAsync(interaction);

        _time.Advance(TimeSpan.FromMinutes(15));
        _bot.Get<FakeAskHandler>().SlowGate.SetResult();

        await _bot.WaitForAsync(() => _bot.Logs.Entries.Any(e => e.Message.Contains("15 minutes", StringComparison.Ordinal)), "the loss to be logged");
        Assert.Empty(_discord.Rest.Where("PATCH", "/messages/@original$"));
        Assert.Empty(_discord.Rest.Where("POST", "^/webhooks/"));
        var token = interaction["token"]!.GetValue<string>();
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookAnswers401InvalidWebhookToken_EndsOnlyThatInteraction()
    {
        _discord.Rest.InteractionTokenLifetime = TimeSpan.FromMinutes(1);
        var first = await Dispatch("ask", [("question", "slow one")]);
        await DeferAsync(first);
        _time.Advance(TimeSpan.FromMinutes(2));
        _bot.Get<FakeAskHandler>().SlowGate.SetResult();
        await _bot.WaitForAsync(() => _discord.Rest.Where("PATCH", "/messages/@original$").Count == 1, "the edit attempt");
        var edit = _discord.Rest.Where("PATCH", "/messages/@original$")[0];
        Assert.Equal(401, edit.Status);

        var second = await Dispatch("ask", [("question", "are you still there")]);

        await _bot.WaitForAsync(() => Callback(second) is not null, "the next interaction's answer");
        Assert.Equal(204, Callback(second)!.Status);
        Assert.False(_bot.Get<DiscordRestClient>().Stopped.IsCancellationRequested);
        Assert.False(_bot.Get<DiscordAdapterService>().Stopped.IsCompleted);
        Assert.Contains(_bot.Logs.Entries, e => e.Message.Contains("50027", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("berl", "Europe/Berlin")]
    [InlineData("new y", "America/New_York")]
    [InlineData("munich", "Europe/Berlin")]
    [InlineData("UTC+2", "UTC+02")]
    [InlineData("", "Europe/Berlin")]
    public async Task TimezoneAutocomplete_AnswersWithChoices(string typed, string expected)
    {
        var interaction = DiscordEvents.Autocomplete(_discord.ApplicationId, "timezone", "zone", typed);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);

        await _bot.WaitForAsync(() => Callback(interaction) is not null, "the autocomplete answer");
        var answer = Callback(interaction)!;
        Assert.Equal(204, answer.Status);
        Assert.Equal(8, answer.Body!["type"]!.GetValue<int>());
        var choices = answer.Body["data"]!["choices"]!.AsArray();
        Assert.InRange(choices.Count, 1, 25);
        Assert.Contains(expected, choices.Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task TimezoneAutocomplete_ManyMatches_AtMost25()
    {
        var interaction = DiscordEvents.Autocomplete(_discord.ApplicationId, "timezone", "zone", "a");
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);

        await _bot.WaitForAsync(() => Callback(interaction) is not null, "the autocomplete answer");
        Assert.Equal(25, Callback(interaction)!.Body!["data"]!["choices"]!.AsArray().Count);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    /// <summary>
    /// Moves the clock to DeferAfter (2 s) in one step and waits for the deferral: a clock that kept moving while the
    /// request is on its way would make the double see it late.
    /// </summary>
    private async Task DeferAsync(JsonObject interaction)
    {
        await _bot.WaitForAsync(() => _bot.Get<DiscordEventHandler>().InFlight > 0, "the interaction to be picked up");
        _time.Advance(TimeSpan.FromSeconds(2));
        await _bot.WaitForAsync(() => Callback(interaction) is not null, "the deferral");
        Assert.Equal(204, Callback(interaction)!.Status);
        Assert.Equal(5, Callback(interaction)!.Body!["type"]!.GetValue<int>());
    }

    private async Task<JsonObject> Dispatch(string name, IReadOnlyList<(string, string)> options)
    {
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, name, options);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        return interaction;
    }

    private RecordedRequest? Callback(JsonObject interaction)
    {
        var path = $"/interactions/{interaction["id"]!.GetValue<string>()}/{interaction["token"]!.GetValue<string>()}/callback";
        return _discord.Rest.Requests.LastOrDefault(r => r.Path == path);
    }
}

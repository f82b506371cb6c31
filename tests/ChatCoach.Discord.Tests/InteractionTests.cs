using System.Text.Json.Nodes;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

public sealed class InteractionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
        _bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public void Start_RegistersTheCommandsWithAHandlerByBulkOverwrite()
    {
        var put = Assert.Single(_discord.Rest.Where("PUT", "^/applications/\\d+/commands$"));
        Assert.Equal(200, put.Status);
        var commands = put.Body!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);

        // This host has handlers for these only; a command without one would answer "unknown command".
        Assert.Equal(["ask", "done", "help", "routine", "streak", "subscribe"], commands.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("[0]", commands["subscribe"]["contexts"]!.ToJsonString());
        Assert.Equal("[0,1]", commands["ask"]["contexts"]!.ToJsonString());
        var question = commands["ask"]["options"]![0]!;
        Assert.Equal("question", question["name"]!.GetValue<string>());
        Assert.True(question["required"]!.GetValue<bool>());
        Assert.Equal(["hips", "ankles", "recovery"], commands["routine"]["options"]![0]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal("16", commands["subscribe"]["default_member_permissions"]!.GetValue<string>());
        Assert.Null(commands["ask"]["default_member_permissions"]);
        Assert.Equal("What I can do and how to ask", commands["help"]["description"]!.GetValue<string>());
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task Ask_AnswersWithEmbedWithinDeadline_NoPings()
    {
        var interaction = await DispatchCommand("ask", [("question", "my knee hurts on stairs")]);

        var callback = await CallbackFor(interaction);
        Assert.Equal(4, callback["type"]!.GetValue<int>());
        var embed = callback["data"]!["embeds"]![0]!;
        Assert.Equal("About your knee", embed["title"]!.GetValue<string>());
        Assert.Contains("You asked: my knee hurts on stairs", embed["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[]", callback["data"]!["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.Null(callback["data"]!["flags"]);
        var seen = Assert.Single(_bot.Get<FakeAskHandler>().Seen);
        Assert.Equal("discord", seen.Platform);
        Assert.Equal(DiscordEvents.ChannelId, seen.ChatId);
        Assert.Equal(DiscordEvents.GuildId, seen.ServerId);
        Assert.Equal("Runner", seen.UserDisplayName);
        Assert.False(seen.IsDirect);

        // Discord has applied the server's command permissions before delivering a slash command.
        Assert.True(seen.IsAdmin);
    }

    [Fact]
    public async Task ServerNickname_IsNeverTheDisplayName_SoItCannotShowOnAnotherServersLeaderboard()
    {
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "who am I")]);
        interaction["member"]!["nick"] = "Knee Boss of Server A";
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);

        await CallbackFor(interaction);
        Assert.Equal("Runner", Assert.Single(_bot.Get<FakeAskHandler>().Seen).UserDisplayName);
    }

    [Fact]
    public async Task Ask_InDirectMessage_IsDirectAndAdmin()
    {
        await DispatchCommand("ask", [("question", "hello")], guildId: null);

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        var seen = Assert.Single(_bot.Get<FakeAskHandler>().Seen);
        Assert.True(seen.IsDirect);
        Assert.True(seen.IsAdmin);
        Assert.Null(seen.ServerId);
    }

    [Fact]
    public async Task Ask_SlowAnswer_DefersThenEditsOriginal()
    {
        var interaction = await DispatchCommand("ask", [("question", "slow one")]);
        await PassDeferAfter();

        var callback = await CallbackFor(interaction);
        Assert.Equal(5, callback["type"]!.GetValue<int>());
        _bot.Get<FakeAskHandler>().SlowGate.SetResult();
        await _discord.Rest.WaitForAsync("PATCH", "/messages/@original$", 1);
        var edit = Assert.Single(_discord.Rest.Where("PATCH", "/messages/@original$"));
        Assert.Equal($"/webhooks/{_discord.ApplicationId}/{interaction["token"]!.GetValue<string>()}/messages/@original", edit.Path);
        Assert.Contains("slow one", edit.Body!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(edit.Body["allowed_mentions"]);
    }

    [Fact]
    public async Task Ask_SlowPrivateAnswer_ReplacesPublicPlaceholderWithEphemeralFollowUp()
    {
        await DispatchCommand("ask", [("question", "slow private")]);
        await PassDeferAfter();
        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);

        _bot.Get<FakeAskHandler>().SlowGate.SetResult();

        await _discord.Rest.WaitForAsync("POST", "^/webhooks/\\d+/[^/]+$", 1);
        Assert.Single(_discord.Rest.Where("DELETE", "/messages/@original$"));
        var followUp = Assert.Single(_discord.Rest.Where("POST", "^/webhooks/\\d+/[^/]+$"));
        Assert.Equal(64, followUp.Body!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ask_LongAnswer_SplitsIntoFollowUpsWithinLimits()
    {
        await DispatchCommand("ask", [("question", "long answer")]);

        await DiscordDouble.WaitUntilAsync(() => Descriptions().Any(d => d.Contains(MedicalNoticeEscaped, StringComparison.Ordinal)), what: "the last part");

        Assert.Equal(0, _discord.Rest.InvalidBodies);
        var parts = Descriptions();
        Assert.True(parts.Count >= 3, $"expected the answer split over several messages, got {parts.Count}");
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 4096));
        Assert.All(parts.SkipLast(1), p => Assert.Matches(@"word\d+$", p));
        var words = parts.SelectMany(p => p.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).Where(w => w.StartsWith("word", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 1800).Select(i => $"word{i}"), words);
        Assert.Single(_discord.Rest.Where("POST", "/callback$"));
    }

    [Fact]
    public async Task Ask_VeryLongAnswer_FollowUpsWaitForTheWebhookBucket()
    {
        await DispatchCommand("ask", [("question", "very long answer")]);

        // The webhook bucket (5 per 2 s) resets on the shared fake clock; the bot must wait for it, never hit a 429.
        await _bot.AdvanceUntilAsync(() => Descriptions().Any(d => d.Contains(MedicalNoticeEscaped, StringComparison.Ordinal)), TimeSpan.FromMilliseconds(100), "the last part");
        var followUps = _discord.Rest.Where("POST", "^/webhooks/\\d+/[^/]+$");
        Assert.True(followUps.Count > 5, $"expected more follow-ups than one bucket window allows, got {followUps.Count}");
        Assert.All(followUps, f => Assert.Equal(200, f.Status));
        Assert.Equal(0, _discord.Rest.BucketViolations);
        var words = Descriptions().SelectMany(p => p.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).Where(w => w.StartsWith("word", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 6000).Select(i => $"word{i}"), words);
    }

    /// <summary>Moves the shared clock past DeferAfter (2 s from the snowflake) once the interaction is being handled.</summary>
    private async Task PassDeferAfter()
    {
        await _bot.WaitForAsync(() => !_bot.Get<FakeAskHandler>().Seen.IsEmpty, "the handler to start");
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    private const string MedicalNoticeEscaped = "see a doctor or physiotherapist.";

    private List<string> Descriptions() =>
    [
        .. _discord.Rest.Requests
            .Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal) || (r.Method == "POST" && r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)))
            .OrderBy(r => r.At)
            .Select(r => (r.Body!["data"] ?? r.Body)["embeds"]![0]!["description"]!.GetValue<string>()),
    ];

    [Fact]
    public async Task Routine_WithFocus_ComposesTextAndRendersButtons()
    {
        var interaction = await DispatchCommand("routine", [("focus", "hips")]);

        var callback = await CallbackFor(interaction);
        Assert.Equal("Today's routine (hips)", callback["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
        var buttons = callback["data"]!["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["done", "routine:hips"], buttons.Select(b => b!["custom_id"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(2, b!["type"]!.GetValue<int>()));
    }

    [Fact]
    public async Task DoneButton_PressedTwice_RecordsOnceAndAnswersEphemerallyWithNotice()
    {
        var first = await DispatchButton("done");
        var firstCallback = await CallbackFor(first);
        var second = await DispatchButton("done");
        var secondCallback = await CallbackFor(second);

        Assert.Equal(1, _bot.Get<FakeDoneHandler>().Completions);
        Assert.Equal(64, firstCallback["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Day 1 🔥", firstCallback["data"]!["content"]!.GetValue<string>());
        Assert.Equal("Today's routine is done.", firstCallback["data"]!["embeds"]![0]!["description"]!.GetValue<string>());
        Assert.Equal(64, secondCallback["data"]!["flags"]!.GetValue<int>());
        Assert.Equal("Already done today ✅", secondCallback["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_FromAnOrdinaryMemberDiscordLetThrough_IsAccepted()
    {
        // A server admin may allow /subscribe to a role in Integrations; Discord then delivers it, and that is the check.
        var interaction = await DispatchCommand("subscribe", [("time", "07:30")], permissions: DiscordEvents.OrdinaryMember);

        await CallbackFor(interaction);
        Assert.Equal($"{DiscordEvents.ChannelId} 07:30", Assert.Single(_bot.Get<FakeSubscribeHandler>().Subscribed));
    }

    [Theory]
    [InlineData("1024", 0, "Send Messages, Embed Links")] // View Channel only
    [InlineData("3072", 0, "Embed Links")] // View Channel + Send Messages
    [InlineData("17408", 0, "Send Messages")] // View Channel + Embed Links
    [InlineData("19456", 11, "Send Messages in Threads")] // a thread: Send Messages is not what counts there
    [InlineData("18432", 0, "View Channel")] // Send Messages + Embed Links
    public async Task Subscribe_WhereTheBotCannotPost_SaysWhatIsMissingPrivately_AndStoresNothing(string appPermissions, int channelType, string missing)
    {
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("time", "07:30")], permissions: DiscordEvents.ManageChannels, appPermissions: appPermissions, channelType: channelType);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);

        var callback = await CallbackFor(interaction);
        Assert.Empty(_bot.Get<FakeSubscribeHandler>().Subscribed);
        Assert.Equal(64, callback["data"]!["flags"]!.GetValue<int>());
        Assert.Contains($"missing {missing}.", callback["data"]!["embeds"]![0]!["title"]!.GetValue<string>() + callback["data"]!["embeds"]![0]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_WhereTheBotCannotPost_FromAChineseClient_SaysItInChinese()
    {
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("time", "07:30")], permissions: DiscordEvents.ManageChannels, appPermissions: "3072", channelType: 0);
        interaction["locale"] = "zh-CN";
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);

        var callback = await CallbackFor(interaction);
        var embed = callback["data"]!["embeds"]![0]!;
        var text = embed["title"]!.GetValue<string>() + embed["description"];
        Assert.Contains("我没法在这个频道发消息：缺少权限 Embed Links。", text, StringComparison.Ordinal);
        Assert.Contains("再发一次 /subscribe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("I can't post", text, StringComparison.Ordinal);
        Assert.Empty(_bot.Get<FakeSubscribeHandler>().Subscribed);
    }

    [Fact]
    public async Task Subscribe_InAThreadWithSendMessagesInThreads_IsAccepted()
    {
        // View Channel, Embed Links and Send Messages in Threads, without Send Messages.
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("time", "07:30")], appPermissions: "274877924352", channelType: 11);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);

        await CallbackFor(interaction);
        Assert.Single(_bot.Get<FakeSubscribeHandler>().Subscribed);
    }

    [Theory]
    [InlineData("16")] // Manage Channels
    [InlineData("32")] // Manage Server
    [InlineData("8")] // Administrator
    public async Task Subscribe_WithManagePermission_OptionsInDeclaredOrder(string permissions)
    {
        // Discord may send options in any order; the text follows the command's declared order.
        var interaction = await DispatchCommand("subscribe", [("focus", "ankles"), ("time", "07:30")], permissions: permissions);

        await CallbackFor(interaction);
        Assert.Equal($"{DiscordEvents.ChannelId} 07:30 ankles", Assert.Single(_bot.Get<FakeSubscribeHandler>().Subscribed));
    }

    [Fact]
    public async Task Help_ListsRegisteredCommands()
    {
        var interaction = await DispatchCommand("help", []);

        var callback = await CallbackFor(interaction);
        var description = callback["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("/ask \\<question\\> — Ask about knee pain", description, StringComparison.Ordinal);
        Assert.Contains("/subscribe \\[HH:MM\\] \\[focus\\]", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandWithoutHandler_GetsAPrivateUnknownCommandReply()
    {
        var interaction = await DispatchCommand("leaderboard", []);

        var callback = await CallbackFor(interaction);
        Assert.Equal(64, callback["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("leaderboard", callback["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> DispatchCommand(string name, IReadOnlyList<(string, string)> options, string? guildId = DiscordEvents.GuildId, string permissions = DiscordEvents.OrdinaryMember)
    {
        var interaction = DiscordEvents.SlashCommand(_discord.ApplicationId, name, options, guildId: guildId, permissions: permissions);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        return interaction;
    }

    private async Task<JsonObject> DispatchButton(string customId)
    {
        var interaction = DiscordEvents.ButtonPress(_discord.ApplicationId, customId);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        return interaction;
    }

    private async Task<JsonNode> CallbackFor(JsonObject interaction)
    {
        var path = $"/interactions/{interaction["id"]!.GetValue<string>()}/{interaction["token"]!.GetValue<string>()}/callback";
        await DiscordDouble.WaitUntilAsync(() => _discord.Rest.Requests.Any(r => r.Path == path), what: "the interaction callback");
        var request = _discord.Rest.Requests.Single(r => r.Path == path);
        Assert.Equal(204, request.Status);
        return request.Body!;
    }
}

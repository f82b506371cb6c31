using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.LiteDb;
using NodaTime;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>The real routine, subscribe and unsubscribe handlers and the daily scheduler, over LiteDB, through Discord.</summary>
public sealed class RealRoutineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    // Guilds on shard 0 and shard 1 of two: (id >> 22) % 2.
    private const string ShardZeroGuild = "81384788765712384";
    private const string ShardOneGuild = "175928847303180411";

    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-").FullName;
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

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
            settings: s =>
            {
                s["Storage:Path"] = Path.Combine(_directory, "chatcoach.db");
                s["Scheduler:PollInterval"] = "00:00:01";
                s["Discord:ShardCount"] = "2";
                s["Discord:ShardId"] = "0";
            },
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
    public async Task Routine_WithFocus_RendersWithinLimitsWithButtons()
    {
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "routine", [("focus", "hips")], guildId: ShardZeroGuild));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        var callback = Assert.Single(_discord.Rest.Where("POST", "/callback$"));
        Assert.Equal(204, callback.Status);
        Assert.NotNull(callback.Body!["data"]!["embeds"]![0]!["title"]);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task Routine_InAServerChannel_IsCompactWithDoneAndHowToButtons()
    {
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "routine", [("focus", "hips")], guildId: ShardZeroGuild));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        var data = Assert.Single(_discord.Rest.Where("POST", "/callback$")).Body!["data"]!;
        Assert.Null(data["flags"]); // the post itself is for everyone
        var json = data.ToJsonString();
        Assert.DoesNotContain("Form:", json, StringComparison.Ordinal);
        Assert.True(data["embeds"]![0]!["description"]!.GetValue<string>().Length < 600);
        Assert.Equal(["done", "routine:howto 20261123 hips"], CustomIds(data));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task HowToButton_PressedInAServerChannel_FullRoutineOfThatDayAsAnEphemeralReply()
    {
        // Pressed a day after the post: the button's custom id still names Monday's routine.
        _time.Advance(TimeSpan.FromDays(1));
        var planned = new RoutinePlanner(ExerciseCatalog.Load(ExerciseCatalog.DefaultPath)).Plan(new LocalDate(2026, 11, 23), RoutineFocus.Hips);

        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.ButtonPress(_discord.ApplicationId, "routine:howto 20261123 hips", guildId: ShardZeroGuild));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        var callback = Assert.Single(_discord.Rest.Where("POST", "/callback$"));
        Assert.Equal(204, callback.Status);
        Assert.Equal(4, callback.Body!["type"]!.GetValue<int>());
        var data = callback.Body["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>()); // ephemeral: only the presser sees it
        var json = data.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("Routine for Mon 23 Nov · hips", json, StringComparison.Ordinal);
        Assert.Contains("Form:", json, StringComparison.Ordinal);
        Assert.All(planned.Items, e => Assert.Contains(e.Name, json, StringComparison.Ordinal));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    private static List<string> CustomIds(System.Text.Json.Nodes.JsonNode data) =>
        [.. (data["components"]?.AsArray() ?? []).SelectMany(row => row!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>())];

    [Fact]
    public async Task SubscribeSlashCommand_FromAMemberTheServerAllowed_IsTrusted()
    {
        // Discord delivers /subscribe only to members that default_member_permissions or the server's Integrations
        // overrides let run it; the bot does not second-guess the server admin.
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("time", "07:30")], guildId: ShardZeroGuild));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        Assert.NotNull(await _bot.Get<ISubscriptionStore>().FindAsync(new ChatAddress("discord", DiscordEvents.ChannelId, ShardZeroGuild), CancellationToken.None));
    }

    [Fact]
    public async Task SubscribeTypedAsMention_WithoutManageChannels_IsRefusedAndNothingSaved()
    {
        var mention = DiscordEvents.Message($"<@{_discord.BotUserId}> /subscribe 07:30", guildId: ShardZeroGuild, mentionIds: [_discord.BotUserId]);

        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", mention);

        await _discord.Rest.WaitForAsync("POST", "^/channels/\\d+/messages$", 1);
        var reply = Assert.Single(_discord.Rest.Where("POST", "^/channels/\\d+/messages$"));
        Assert.Contains("admin", reply.Body!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await _bot.Get<ISubscriptionStore>().FindAsync(new ChatAddress("discord", DiscordEvents.ChannelId, ShardZeroGuild), CancellationToken.None));
    }

    [Fact]
    public async Task SubscribeThenUnsubscribe_WithManageChannels_SavesAndRemovesTheChannel()
    {
        var chat = new ChatAddress("discord", DiscordEvents.ChannelId, ShardZeroGuild);
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("focus", "ankles"), ("time", "06:15")], guildId: ShardZeroGuild, permissions: DiscordEvents.ManageChannels));
        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);

        var saved = await _bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None);
        Assert.NotNull(saved);
        Assert.Equal(new LocalTime(6, 15), saved.LocalTime);
        Assert.Equal("ankles", saved.Focus);
        Assert.Equal(ShardZeroGuild, saved.Chat.ServerId);

        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "unsubscribe", [], guildId: ShardZeroGuild, permissions: DiscordEvents.ManageChannels));
        await _discord.Rest.WaitForAsync("POST", "/callback$", 2);
        Assert.Null(await _bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task DailyPosts_ThisShardsChannelsPostedOnce_ForbiddenChannelDisabled_OtherShardLeftDue()
    {
        var store = _bot.Get<ISubscriptionStore>();
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var mine = Enumerable.Range(0, 20).Select(i => new ChatAddress("discord", (2_200_000_000_000_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture), ShardZeroGuild)).ToList();
        var forbidden = new ChatAddress("discord", "2300000000000000001", ShardZeroGuild);
        var otherShard = new ChatAddress("discord", "2400000000000000001", ShardOneGuild);
        _discord.Rest.ForbiddenChannels[forbidden.ChatId] = 0;
        foreach (var chat in mine.Append(forbidden).Append(otherShard))
        {
            await store.SaveAsync(Due(chat, now), CancellationToken.None);
        }

        // The scheduler polls every second of the shared fake clock.
        await _bot.AdvanceUntilAsync(
            () => _discord.Rest.Where("POST", "^/channels/22\\d+/messages$").Count(p => p.Status == 200) == 20
                && store.FindAsync(forbidden, CancellationToken.None).GetAwaiter().GetResult() is { Enabled: false },
            TimeSpan.FromMilliseconds(250),
            "20 posts and the forbidden channel's subscription disabled");

        var posts = _discord.Rest.Where("POST", "^/channels/\\d+/messages$");
        Assert.Equal(mine.Select(c => c.ChatId).Order(StringComparer.Ordinal), posts.Where(p => p.Status == 200).Select(p => p.Path.Split('/')[2]).Order(StringComparer.Ordinal));
        Assert.Single(posts, p => p.Status == 403);
        Assert.DoesNotContain(posts, p => p.Path.Contains(otherShard.ChatId, StringComparison.Ordinal));
        Assert.True((await store.FindAsync(otherShard, CancellationToken.None))!.Enabled);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    private static Subscription Due(ChatAddress chat, Instant now) => new()
    {
        Chat = chat,
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey("discord", "1400000000000000001"),
        ChangedAt = now - Duration.FromHours(1),
        NextLocalDate = now.InUtc().Date,
        NextDue = now - Duration.FromSeconds(1),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>/link, /mydata (a multipart upload, files[0] + payload_json) and /forget through our client and the Discord double.</summary>
public sealed class RealPeopleTests : IAsyncLifetime
{
    private const string UserId = "1400000000000000001";
    private const string DmChannel = "1300000000000000099";
    private static readonly PersonKey TelegramAna = new("telegram", "4242");
    private static readonly PersonKey DiscordAna = new("discord", UserId);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-people-").FullName;
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
                b.AddPeople();
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
    public async Task LinkDoneMyDataForget_InADirectMessage_OnePersonThenAFileThenNothingLeft()
    {
        // Ana's Telegram account did yesterday and asked for a code there.
        var telegramDay = new Completion(TelegramAna, new(2026, 11, 22), new ChatAddress("telegram", "4242"), NodaTime.Instant.FromUtc(2026, 11, 22, 18, 0));
        await _bot.Get<ICompletionStore>().TryAddAsync(telegramDay, new StreakSummary(TelegramAna, "Ana", null, StreakRules.Fold([telegramDay.Date])), default);
        var code = await _bot.Get<PeopleService>().CreateCodeAsync(TelegramAna, default);

        var linked = await DirectCommand("link", [("code", code)]);
        var done = await DirectCommand("done", []);

        Assert.Contains("Accounts linked", linked.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Telegram account 4242", linked.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("day 2", done.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        await DirectCommand("mydata", []);
        await DiscordDouble.WaitUntilAsync(() => !_discord.Rest.Uploads.IsEmpty, what: "the /mydata upload");
        var upload = Assert.Single(_discord.Rest.Uploads);
        var request = Assert.Single(_discord.Rest.Requests, r => r.Path == upload.Path && r.Method == "POST");
        using var json = JsonDocument.Parse(upload.Content);

        Assert.Equal("files[0]", upload.Field);
        Assert.Equal("application/json", upload.ContentType);
        Assert.StartsWith("/webhooks/", upload.Path, StringComparison.Ordinal);
        Assert.Equal(64, request.Body!["flags"]!.GetValue<int>());
        Assert.Equal(upload.FileName, request.Body["attachments"]![0]!["filename"]!.GetValue<string>());
        Assert.Equal(["2026-11-22", "2026-11-23"], json.RootElement.GetProperty("completions").EnumerateArray().Select(c => c.GetProperty("date").GetString()));

        var forgotten = await DirectCommand("forget", [("confirm", "yes")]);

        Assert.Contains("Forgotten", forgotten.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await _bot.Get<IAccountLinkStore>().FindPersonAsync(DiscordAna, default));
        Assert.Empty(await _bot.Get<ICompletionStore>().GetAllDatesAsync(TelegramAna, default));
        Assert.Null(await _bot.Get<IPersonStore>().FindAsync(TelegramAna, default));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task Forget_ASubscriptionMadeInTheDm_DeletedThoughTheDmChannelIdIsNotTheUserId_TheServerOneStays()
    {
        // A typed /subscribe in the DM (slash /subscribe is for servers only); Discord's DM channel id is not the user's id.
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message("/subscribe 07:00", authorId: UserId, guildId: null, channelId: DmChannel));
        await _discord.Rest.WaitForAsync("POST", $"^/channels/{DmChannel}/messages$", 1);
        var server = await _discord.AnswerToAsync(DiscordEvents.SlashCommand(_discord.ApplicationId, "subscribe", [("time", "07:30")], userId: UserId, permissions: DiscordEvents.ManageChannels));
        Assert.Equal(204, server.Status);
        var subscriptions = _bot.Get<ISubscriptionStore>();
        var dm = new ChatAddress("discord", DmChannel);
        var channel = new ChatAddress("discord", DiscordEvents.ChannelId, DiscordEvents.GuildId);
        Assert.True((await subscriptions.FindAsync(dm, default))?.InDirectChat);
        Assert.False((await subscriptions.FindAsync(channel, default))?.InDirectChat);

        var forgotten = await DirectCommand("forget", [("confirm", "yes")]);

        Assert.Contains("Forgotten", forgotten.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("rotated out", forgotten.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await subscriptions.FindAsync(dm, default));
        Assert.Equal(Subscription.NoCreator, (await subscriptions.FindAsync(channel, default))?.CreatedBy);
        Assert.Empty(await subscriptions.FindCreatedByAsync(DiscordAna, default));
    }

    [Fact]
    public async Task LinkThenUnlink_InADirectMessage_BothKeepTheHistory_LaterDaysCountSeparately()
    {
        var telegramDay = new Completion(TelegramAna, new(2026, 11, 22), new ChatAddress("telegram", "4242"), NodaTime.Instant.FromUtc(2026, 11, 22, 18, 0));
        await _bot.Get<ICompletionStore>().TryAddAsync(telegramDay, new StreakSummary(TelegramAna, "Ana", null, StreakRules.Fold([telegramDay.Date])), default);
        await DirectCommand("link", [("code", await _bot.Get<PeopleService>().CreateCodeAsync(TelegramAna, default))]);
        await DirectCommand("done", []);
        var whoami = await DirectCommand("whoami", []);

        var unlinked = await DirectCommand("unlink", []);
        _time.Advance(TimeSpan.FromDays(1));
        var done = await DirectCommand("done", []);

        Assert.Contains("Telegram account 4242", whoami.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Unlinked", unlinked.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(64, unlinked["data"]!["flags"]!.GetValue<int>());
        Assert.Null(await _bot.Get<IAccountLinkStore>().FindPersonAsync(DiscordAna, default));
        Assert.Contains("day 3", done.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var completions = _bot.Get<ICompletionStore>();
        Assert.Equal([new NodaTime.LocalDate(2026, 11, 22), new(2026, 11, 23), new(2026, 11, 24)], await completions.GetAllDatesAsync(DiscordAna, default));
        Assert.Equal([new NodaTime.LocalDate(2026, 11, 22), new(2026, 11, 23)], await completions.GetAllDatesAsync(TelegramAna, default));
    }

    [Fact]
    public async Task MyData_InAServerChannel_RefusedPrivately_NothingUploaded()
    {
        var callback = await _discord.AnswerToAsync(DiscordEvents.SlashCommand(_discord.ApplicationId, "mydata"));

        Assert.Equal(64, callback.Body!["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("only works in a direct chat", callback.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_discord.Rest.Uploads);
    }

    [Fact]
    public async Task Commands_LinkAndForget_RegisteredWithTheirOptions()
    {
        var registered = _discord.Rest.Requests.Last(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal)).Body!.AsArray();
        var names = registered.Select(c => c!["name"]!.GetValue<string>()).ToList();

        Assert.Contains("link", names);
        Assert.Contains("mydata", names);
        Assert.Equal("code", registered.Single(c => c!["name"]!.GetValue<string>() == "link")!["options"]![0]!["name"]!.GetValue<string>());
    }

    private async Task<JsonNode> DirectCommand(string name, IReadOnlyList<(string, string)> options)
    {
        var callback = await _discord.AnswerToAsync(DiscordEvents.SlashCommand(_discord.ApplicationId, name, options, guildId: null, channelId: DmChannel, channelType: 1));
        Assert.Equal(204, callback.Status);
        return callback.Body!;
    }
}

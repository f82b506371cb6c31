using System.Text.Json;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.Core.Tests.People;

/// <summary>A linked person's name on each chat's leaderboard, and /forget on subscriptions in their direct chats.</summary>
public sealed class ScopeNameAndDirectChatTests
{
    private const string TelegramGroup = "-300";
    private const string DiscordChannel = "chan-1";
    private static readonly ChatAddress TelegramGroupChat = new("telegram", TelegramGroup);
    private static readonly ChatAddress DiscordServerChat = new("discord", DiscordChannel, "900");
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    private async Task<string> LeaderNameAsync(ChatAddress chat) =>
        Assert.Single(await _world.Streaks.GetLeaderboardAsync(chat, default)).DisplayName;

    private async Task SeedLinkedAsync()
    {
        _world.Names[Telegram] = "Ana T";
        _world.Names[Discord] = "ana_runs";
        await _world.SayAsync(Telegram, "/done", group: TelegramGroup);
        await _world.SayAsync(Discord, "/done", group: DiscordChannel);
        await _world.LinkAsync(Discord, Telegram); // the Telegram account types the code: its data moves to the Discord key
    }

    [Fact]
    public async Task Leaderboard_LinkedPerson_EachChatShowsTheNameGoneByThere()
    {
        await SeedLinkedAsync();

        // The profile holds the typing (Telegram) account's name; the Discord server still sees the Discord one.
        Assert.Equal("Ana T", (await _world.People.FindAsync(Discord, default))!.DisplayName);
        Assert.Equal("Ana T", await LeaderNameAsync(TelegramGroupChat));
        Assert.Equal("ana_runs", await LeaderNameAsync(DiscordServerChat));

        // Later Done presses on each side keep each chat's own name, whichever account was last seen.
        _world.NextDay();
        await _world.SayAsync(Discord, "/done", group: DiscordChannel);
        await _world.SayAsync(Telegram, "/done", group: TelegramGroup);

        Assert.Equal("Ana T", await LeaderNameAsync(TelegramGroupChat));
        Assert.Equal("ana_runs", await LeaderNameAsync(DiscordServerChat with { ChatId = "chan-2" }));
        Assert.Contains("1. ana_runs — 2 days", await _world.TextAsync(Discord, "/leaderboard", group: DiscordChannel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_ARenameInOneChat_ChangesOnlyThatChatsBoard()
    {
        await SeedLinkedAsync();
        _world.NextDay();
        _world.Names[Telegram] = "Ana Telegram";

        await _world.SayAsync(Telegram, "/done", group: TelegramGroup);

        Assert.Equal("Ana Telegram", await LeaderNameAsync(TelegramGroupChat));
        Assert.Equal("ana_runs", await LeaderNameAsync(DiscordServerChat));
    }

    [Fact]
    public async Task Leaderboard_NoNameRecordedForTheChat_FallsBackToTheProfileName()
    {
        // An entry from before names were kept per chat carries none.
        _world.Names[Telegram] = "Ana T";
        await _world.SayAsync(Telegram, "/done");
        await _world.Activity.RecordAsync(new ChatAddress("telegram", "-400"), Telegram, default);

        Assert.Equal("Ana T", await LeaderNameAsync(new ChatAddress("telegram", "-400")));
    }

    [Fact]
    public async Task MyDataAndForget_ScopeNames_ExportedThenDeleted()
    {
        await SeedLinkedAsync();

        var file = Assert.IsType<ReplyAttachment>((await _world.SayAsync(Discord, "/mydata")).Attachment);
        using (var json = JsonDocument.Parse(file.Content))
        {
            var names = json.RootElement.GetProperty("leaderboardNames");
            Assert.Equal("Ana T", names.GetProperty("telegram|chat|-300").GetString());
            Assert.Equal("ana_runs", names.GetProperty("discord|server|900").GetString());
        }

        await _world.SayAsync(Telegram, "/forget yes");

        Assert.Empty(await _world.Activity.GetScopeNamesAsync(Discord, default));
        Assert.Empty(await _world.Activity.GetScopeNamesAsync(Telegram, default));
        Assert.Empty(await _world.Streaks.GetLeaderboardAsync(DiscordServerChat, default));
    }

    [Fact]
    public async Task Unlink_EachAccountKeepsItsNameInEachChat()
    {
        await SeedLinkedAsync();

        await _world.SayAsync(Telegram, "/unlink");

        // Both accounts keep the history, so both stand on both boards, each under that chat's name.
        var telegramBoard = await _world.Streaks.GetLeaderboardAsync(TelegramGroupChat, default);
        var discordBoard = await _world.Streaks.GetLeaderboardAsync(DiscordServerChat, default);
        Assert.Equal(["Ana T", "Ana T"], telegramBoard.Select(e => e.DisplayName));
        Assert.Equal(["ana_runs", "ana_runs"], discordBoard.Select(e => e.DisplayName));
        Assert.Equal("Ana T", (await _world.Activity.GetScopeNamesAsync(Telegram, default))["telegram|chat|-300"]);
    }

    [Fact]
    public async Task Forget_DiscordDirectMessageSubscription_DeletedThoughTheChannelIdIsNotTheUserId()
    {
        // The double's Discord DM channel is "dm-<user>": its id is not the user's, as on Discord.
        await _world.SayAsync(Discord, "/subscribe 07:00");
        await _world.SayAsync(Discord, "/subscribe 08:00", group: DiscordChannel);
        var dm = PeopleWorld.From(Discord, "").Chat;
        Assert.NotEqual(Discord.UserId, dm.ChatId);
        Assert.True((await _world.Subscriptions.FindAsync(dm, default))!.InDirectChat);

        var reply = await _world.TextAsync(Discord, "/forget yes");

        Assert.Null(await _world.Subscriptions.FindAsync(dm, default));
        var group = Assert.Single(_world.Subscriptions.All);
        Assert.Equal(Subscription.NoCreator, group.CreatedBy);
        Assert.Contains("1 daily-post subscription you created stay", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_LinkedPerson_DirectChatSubscriptionsOnEveryPlatformDeleted()
    {
        await _world.LinkAsync(Telegram, Discord); // the data lives under the Telegram key; the Discord DM names it
        await _world.SayAsync(Discord, "/subscribe 07:00");
        await _world.SayAsync(Telegram, "/subscribe 07:15");
        await _world.SayAsync(Telegram, "/subscribe 07:30", group: TelegramGroup);
        Assert.All(_world.Subscriptions.All, s => Assert.Equal(Telegram, s.CreatedBy));

        await _world.SayAsync(Discord, "/forget yes");

        var kept = Assert.Single(_world.Subscriptions.All);
        Assert.Equal(TelegramGroupChat, kept.Chat);
        Assert.Equal(Subscription.NoCreator, kept.CreatedBy);
    }

    [Fact]
    public async Task Forget_Reply_SaysBackupsKeepTheDataUntilRotatedOut()
    {
        await _world.SayAsync(Telegram, "/done");

        var reply = await _world.TextAsync(Telegram, "/forget yes");

        Assert.Contains("Backups the operator made still hold your data until they are rotated out", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing about you is left.", reply, StringComparison.Ordinal);
    }
}

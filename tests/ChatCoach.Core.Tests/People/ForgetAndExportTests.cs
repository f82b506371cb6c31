using System.Text.Json;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.Core.Tests.People;

/// <summary>/mydata and /forget through the router, on a person linked across two platforms.</summary>
public sealed class ForgetAndExportTests
{
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    private async Task SeedAsync()
    {
        await _world.SetZoneAsync(Telegram, "Europe/Berlin");
        await _world.SayAsync(Telegram, "/done", group: "-300");
        await _world.SayAsync(Telegram, "/pain 3");
        await _world.SayAsync(Telegram, "/subscribe 07:30", group: "-300");
        _world.NextDay();
        await _world.SayAsync(Discord, "/done", group: "chan-1");
        await _world.LinkAsync(Telegram, Discord);
        await _world.SayAsync(Discord, "/pause 3");
    }

    [Fact]
    public async Task MyData_LinkedPerson_FileHoldsEverythingStored()
    {
        await SeedAsync();

        var reply = await _world.SayAsync(Discord, "/mydata");

        Assert.True(reply.IsPrivate);
        var file = Assert.IsType<ReplyAttachment>(reply.Attachment);
        Assert.Equal("application/json", file.MediaType);
        Assert.Equal(AttachmentKind.Document, file.Kind);
        Assert.EndsWith(".json", file.FileName, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(file.Content);
        var root = json.RootElement;
        Assert.Equal(["telegram:100", "discord:555000111222333444"], root.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("platform").GetString() + ":" + a.GetProperty("userId").GetString()));
        Assert.Equal("Europe/Berlin", root.GetProperty("profile").GetProperty("timeZone").GetString());
        Assert.Equal(["2026-11-02", "2026-11-03"], root.GetProperty("completions").EnumerateArray().Select(c => c.GetProperty("date").GetString()));
        Assert.Equal(3, root.GetProperty("painCheckIns")[0].GetProperty("score").GetInt32());
        Assert.Single(root.GetProperty("pauses").EnumerateArray());
        Assert.Equal("-300", root.GetProperty("subscriptionsCreated")[0].GetProperty("chatId").GetString());
        Assert.Contains("discord|server|900", root.GetProperty("leaderboardScopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, root.GetProperty("streak").GetProperty("totalDays").GetInt32());
    }

    [Fact]
    public async Task MyData_InAGroup_RefusedWithoutAFile()
    {
        var reply = await _world.SayAsync(Telegram, "/mydata", group: "-300");

        Assert.Null(reply.Attachment);
        Assert.Equal(ReplyKinds.Error, reply.Kind);
    }

    [Fact]
    public async Task Forget_WithoutYes_AsksAndDeletesNothing()
    {
        await SeedAsync();

        var reply = await _world.SayAsync(Telegram, "/forget");

        Assert.Equal("forget:yes 100", Assert.Single(reply.Buttons).Action);
        Assert.Equal(2, (await _world.Completions.GetAllDatesAsync(Telegram, default)).Count);
    }

    [Fact]
    public async Task Forget_SomeoneElsesButton_Refused()
    {
        await SeedAsync();
        var stranger = new PersonKey("telegram", "999");

        var reply = await _world.PressAsync(stranger, "forget:yes 100", group: "-300");

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Equal(2, (await _world.Completions.GetAllDatesAsync(Telegram, default)).Count);
    }

    [Fact]
    public async Task Forget_Yes_DeletesEveryAccountAndRecord_GroupSubscriptionStaysNamingNobody()
    {
        await SeedAsync();

        var reply = PlainTextRenderer.Render(await _world.PressAsync(Discord, "forget:yes " + Discord.UserId));

        Assert.Contains("Deleted:", reply, StringComparison.Ordinal);
        Assert.Contains("2 completed days", reply, StringComparison.Ordinal);
        Assert.Contains("1 pain check-in or referral date", reply, StringComparison.Ordinal);
        Assert.Contains("1 daily-post subscription you created stay", reply, StringComparison.Ordinal);
        foreach (var key in new[] { Telegram, Discord })
        {
            Assert.Null(await _world.People.FindAsync(key, default));
            Assert.Empty(await _world.Completions.GetAllDatesAsync(key, default));
            Assert.Null(await _world.Summaries.FindAsync(key, default));
            Assert.Empty((await _world.Pauses.GetAsync(key, default)).Pauses);
            Assert.Empty(await _world.CheckIns.GetRangeAsync(key, new(1, 1, 1), new(9999, 12, 31), default));
            Assert.Empty(await _world.Activity.GetScopesAsync(key, default));
            Assert.Null(await _world.Links.FindPersonAsync(key, default));
        }

        var subscription = Assert.Single(_world.Subscriptions.All);
        Assert.Equal(Subscription.NoCreator, subscription.CreatedBy);
        Assert.Empty(await _world.Streaks.GetLeaderboardAsync(new ChatAddress("telegram", "-300"), default));
    }

    [Fact]
    public async Task Forget_TypedYes_OnTheConsole_StartsAfresh()
    {
        await _world.SayAsync(PeopleWorld.Console, "done");

        var reply = await _world.TextAsync(PeopleWorld.Console, "forget yes");
        var streak = await _world.TextAsync(PeopleWorld.Console, "streak");

        Assert.Contains("1 completed day", reply, StringComparison.Ordinal);
        Assert.Contains("No days yet", streak, StringComparison.Ordinal);
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

/// <summary>/link, /unlink and /whoami through the router on fake time; the console is the third platform.</summary>
public sealed class LinkTests
{
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    private static PersonKey Console => PeopleWorld.Console;

    [Fact]
    public async Task Link_CodeShape_EightCharactersWithoutLookAlikes()
    {
        var codes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            codes.Add(await _world.CodeAsync(Telegram));
        }

        Assert.All(codes, c => Assert.Equal(LinkCodes.Length, c.Length));
        Assert.All(codes, c => Assert.DoesNotContain(c, ch => "0O1IL5S2Z8B".Contains(ch, StringComparison.Ordinal)));
        Assert.True(codes.Distinct().Count() > 45);
    }

    [Fact]
    public async Task Link_StoresOnlyTheHash_AndOnlyTheLatestCodeOfAnAccount()
    {
        var first = await _world.CodeAsync(Telegram);
        var second = await _world.CodeAsync(Telegram);

        Assert.Equal([LinkCodes.Hash(second)], _world.Links.CodeHashes);
        Assert.DoesNotContain(_world.Links.CodeHashes, h => h.Contains(second, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("isn't right", await _world.TextAsync(Discord, "/link " + first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_InAGroup_RefusedWithoutACode()
    {
        var reply = await _world.SayAsync(Telegram, "/link", group: "-200");

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("direct chat", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Empty(_world.Links.CodeHashes);
    }

    [Fact]
    public async Task Link_TelegramAndDiscordHistories_OneStreakFromTheUnion()
    {
        // Telegram: Mon 2, Tue 3; Discord: Tue 3 (the same day, counted once), Wed 4.
        await _world.SayAsync(Telegram, "/done");
        _world.NextDay();
        await _world.SayAsync(Telegram, "/done");
        await _world.SayAsync(Discord, "/done");
        _world.NextDay();
        await _world.SayAsync(Discord, "/done");

        var linked = await _world.LinkAsync(Telegram, Discord);
        var streakOnTelegram = await _world.TextAsync(Telegram, "/streak");
        var streakOnDiscord = await _world.TextAsync(Discord, "/streak");
        var again = await _world.TextAsync(Telegram, "/done");

        Assert.Contains("Accounts linked", linked, StringComparison.Ordinal);
        Assert.Contains("Telegram account 100", linked, StringComparison.Ordinal);
        Assert.Contains("Discord account 555000111222333444 (this one)", linked, StringComparison.Ordinal);
        Assert.Equal(streakOnTelegram, streakOnDiscord);
        Assert.Contains("Current streak: 3 days", streakOnTelegram, StringComparison.Ordinal);
        Assert.Contains("Already", again, StringComparison.Ordinal);
        Assert.Equal([new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 3), new LocalDate(2026, 11, 4)], await _world.Completions.GetAllDatesAsync(Telegram, default));
        Assert.Empty(await _world.Completions.GetAllDatesAsync(Discord, default));
    }

    [Fact]
    public async Task Link_ZoneOfTheTypingAccountWins_AndTheReplySaysSo()
    {
        await _world.SetZoneAsync(Telegram, "Europe/Berlin");
        await _world.SetZoneAsync(Discord, "America/New_York");

        var linked = await _world.LinkAsync(Telegram, Discord);

        Assert.Contains("Time zone: America/New_York, this account's", linked, StringComparison.Ordinal);
        Assert.Equal("America/New_York", (await _world.People.FindAsync(Telegram, default))!.TimeZoneId);
    }

    [Fact]
    public async Task Link_TypingAccountHasNoZone_TheOtherAccountsZoneStays()
    {
        await _world.SetZoneAsync(Telegram, "Europe/Berlin");

        var linked = await _world.LinkAsync(Telegram, Console);

        Assert.Contains("Time zone: Europe/Berlin, from your other account", linked, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", await _world.TextAsync(Console, "timezone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_CodeAfterTenMinutes_Expired()
    {
        var code = await _world.CodeAsync(Telegram);
        _world.Advance(TimeSpan.FromMinutes(10));

        var reply = await _world.TextAsync(Discord, "/link " + code);

        Assert.Contains("expired", reply, StringComparison.Ordinal);
        Assert.Equal([Discord], await _world.Service.AccountsOfAsync(Discord, default));
    }

    [Fact]
    public async Task Link_CodeJustBeforeTenMinutes_Works_TypedInLowerCaseWithSpaces()
    {
        var code = await _world.CodeAsync(Telegram);
        _world.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        var reply = await _world.TextAsync(Discord, "/link " + code[..4].ToLowerInvariant() + " " + code[4..].ToLowerInvariant());

        Assert.Contains("Accounts linked", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_CodeUsedTwice_SecondUseFails()
    {
        var code = await _world.CodeAsync(Telegram);

        var first = await _world.TextAsync(Discord, "/link " + code);
        var second = await _world.TextAsync(Console, "link " + code);

        Assert.Contains("Accounts linked", first, StringComparison.Ordinal);
        Assert.Contains("isn't right", second, StringComparison.Ordinal);
        Assert.Equal([Telegram, Discord], await _world.Service.AccountsOfAsync(Telegram, default));
    }

    [Fact]
    public async Task Link_OwnCode_Refused()
    {
        var code = await _world.CodeAsync(Telegram);

        var reply = await _world.TextAsync(Telegram, "/link " + code);

        Assert.Contains("came from this account", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_FiveWrongTries_PausedForAnHour_ThenAcceptedAgain()
    {
        var replies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await _world.TextAsync(Discord, "/link AAAAAAAA"));
            _world.Advance(TimeSpan.FromMinutes(1));
        }

        var code = await _world.CodeAsync(Telegram);
        var whilePaused = await _world.TextAsync(Discord, "/link " + code);
        _world.Advance(TimeSpan.FromMinutes(56)); // an hour after the first wrong try
        var fresh = await _world.CodeAsync(Telegram);
        var afterwards = await _world.TextAsync(Discord, "/link " + fresh);

        Assert.Contains("4 tries left", replies[0], StringComparison.Ordinal);
        Assert.Contains("1 try left", replies[3], StringComparison.Ordinal);
        Assert.Contains("last try", replies[4], StringComparison.Ordinal);
        Assert.Contains("paused until 13:00 UTC", replies[4], StringComparison.Ordinal);
        Assert.Contains("Too many wrong codes", whilePaused, StringComparison.Ordinal);
        Assert.Contains("Accounts linked", afterwards, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_WrongTriesOfOneAccount_DoNotPauseAnother()
    {
        for (var i = 0; i < 5; i++)
        {
            await _world.SayAsync(Discord, "/link AAAAAAAA");
        }

        Assert.Contains("Accounts linked", await _world.LinkAsync(Telegram, Console), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_ThreePlatforms_OnePerson_WhoAmIListsAll()
    {
        await _world.LinkAsync(Telegram, Discord);
        await _world.LinkAsync(Console, Discord); // Discord (already Telegram's) types the console's code

        var whoami = await _world.TextAsync(Console, "whoami");
        var again = await _world.LinkAsync(Telegram, Console);

        Assert.Contains("Telegram account 100", whoami, StringComparison.Ordinal);
        Assert.Contains("Discord account 555000111222333444", whoami, StringComparison.Ordinal);
        Assert.Contains("Console account local (this one)", whoami, StringComparison.Ordinal);
        Assert.Contains("Already linked", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlink_BothKeepTheHistory_FutureDaysCountSeparately()
    {
        await _world.SayAsync(Telegram, "/done");
        await _world.LinkAsync(Telegram, Discord);
        _world.NextDay();
        await _world.SayAsync(Discord, "/done");

        var unlinked = await _world.TextAsync(Discord, "/unlink");
        _world.NextDay();
        await _world.SayAsync(Telegram, "/done");

        Assert.Contains("on its own again", unlinked, StringComparison.Ordinal);
        Assert.Equal(3, (await _world.Completions.GetAllDatesAsync(Telegram, default)).Count);
        Assert.Equal(2, (await _world.Completions.GetAllDatesAsync(Discord, default)).Count);
        Assert.Contains("3 days", await _world.TextAsync(Telegram, "/streak"), StringComparison.Ordinal);
        Assert.Contains("2 days", await _world.TextAsync(Discord, "/streak"), StringComparison.Ordinal);
        Assert.Contains("isn't linked", await _world.TextAsync(Discord, "/unlink"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlink_TheAccountWhoseKeyHoldsTheData_OthersMoveOnWithACopy()
    {
        await _world.SayAsync(Telegram, "/done");
        await _world.LinkAsync(Telegram, Discord);
        _world.Advance(TimeSpan.FromMinutes(1)); // Discord was linked first, so it takes over the person
        await _world.LinkAsync(Telegram, Console);

        await _world.SayAsync(Telegram, "/unlink");
        _world.NextDay();
        await _world.SayAsync(Console, "done");

        Assert.Equal([Discord, Console], await _world.Service.AccountsOfAsync(Console, default));
        Assert.Equal([Telegram], await _world.Service.AccountsOfAsync(Telegram, default));
        Assert.Single(await _world.Completions.GetAllDatesAsync(Telegram, default));
        Assert.Equal(2, (await _world.Completions.GetAllDatesAsync(Discord, default)).Count);
        Assert.Contains("2 days", await _world.TextAsync(Discord, "/streak"), StringComparison.Ordinal);
    }
}

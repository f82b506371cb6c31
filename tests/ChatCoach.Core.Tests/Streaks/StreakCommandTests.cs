using ChatCoach.Core.Conversation;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;

namespace ChatCoach.Core.Tests.Streaks;

/// <summary>The streak commands through the real router and handlers on the in-memory stores, with a fake clock.</summary>
public sealed class StreakCommandTests
{
    // Monday 2 March 2026, 12:00 UTC.
    private readonly StreakHarness _harness = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    private static string Text(Reply reply) => PlainTextRenderer.Render(reply);

    private async Task<Reply> DoneAsync(string userId = "1", string name = "Ann", string chatId = "-100200") =>
        await _harness.CommandAsync(Messages.TelegramGroup(userId, name, "/done", chatId));

    private void NextDay() => _harness.Time.Advance(TimeSpan.FromDays(1));

    [Fact]
    public async Task Done_FirstTime_CountsDayOneWithToastAndUtcHint()
    {
        var reply = await _harness.CommandAsync(Messages.TelegramDoneButton("1", "Ann"));

        Assert.Equal("Day 1 🔥", reply.Notice);
        Assert.False(reply.IsPrivate);
        Assert.Contains("counted in UTC", Text(reply), StringComparison.Ordinal);
        Assert.Contains("/timezone", Text(reply), StringComparison.Ordinal);
        Assert.Equal(2, Text(reply).Split("counted in UTC").Length); // said once
    }

    [Fact]
    public async Task Done_Twice_SecondSaysAlreadyCounted()
    {
        await DoneAsync();
        var second = await _harness.CommandAsync(Messages.TelegramDoneButton("1", "Ann"));

        Assert.Contains("Already counted for today — you're on day 1", Text(second), StringComparison.Ordinal);
        Assert.Equal("Already counted — day 1 🔥", second.Notice);
        Assert.True(second.IsPrivate);
    }

    [Fact]
    public async Task Done_FromTwoChatsSameDay_CountsOnce()
    {
        await DoneAsync(chatId: "-100200");
        var other = await DoneAsync(chatId: "-100300");
        var direct = await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/done"));

        Assert.Contains("Already counted", Text(other), StringComparison.Ordinal);
        Assert.Contains("Already counted", Text(direct), StringComparison.Ordinal);
        Assert.Contains("Total: 1 day", Text(await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/streak"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_ConsecutiveDays_CountsUp()
    {
        await DoneAsync();
        NextDay();
        await DoneAsync();
        NextDay();

        var third = await DoneAsync();

        Assert.Equal("Day 3 🔥", third.Notice);
        Assert.Contains("day 3", Text(third), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_SeventhDayThenMissedDay_EarnsThenSpendsFreeze()
    {
        Reply reply = null!;
        for (var i = 0; i < 7; i++)
        {
            reply = await DoneAsync();
            NextDay();
        }

        Assert.Contains("earned a streak freeze", Text(reply), StringComparison.Ordinal);
        NextDay(); // day 8 missed

        var streakBefore = Text(await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/streak")));
        Assert.Contains("Current streak: 7 days", streakBefore, StringComparison.Ordinal);
        Assert.Contains("✅✅✅✅✅❄️⬜", streakBefore, StringComparison.Ordinal);

        var back = await DoneAsync();
        Assert.Equal("Day 8 🔥", back.Notice);
        Assert.Contains("freeze ❄️ covered yesterday", Text(back), StringComparison.Ordinal);
        Assert.Contains("✅✅✅✅✅❄️✅", Text(await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/streak"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streak_AfterTwoMissedDays_ShowsZeroCurrentAndKeepsLongest()
    {
        for (var i = 0; i < 3; i++)
        {
            await DoneAsync();
            NextDay();
        }

        NextDay();
        var reply = await _harness.CommandAsync(Messages.TelegramGroup("1", "Ann", "/streak"));
        var text = Text(reply);

        Assert.True(reply.IsPrivate);
        Assert.Contains("Current streak: 0 days", text, StringComparison.Ordinal);
        Assert.Contains("Longest streak: 3 days", text, StringComparison.Ordinal);
        Assert.Contains("Total: 3 days", text, StringComparison.Ordinal);
        Assert.Contains("Freezes held: 0 of 2", text, StringComparison.Ordinal);
        Assert.Contains("⬜⬜✅✅✅⬜⬜", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streak_NoCompletions_InvitesToStart()
    {
        var text = Text(await _harness.CommandAsync(Messages.TelegramDirect("9", "Bo", "/streak")));

        Assert.Contains("No days yet", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/timezone Atlantis", "Atlantis")]
    [InlineData("/timezone UTC+15", "UTC+15")]
    [InlineData("/timezone 🏃‍♀️🏃‍♀️", "🏃‍♀️🏃‍♀️")]
    public async Task TimeZone_Invalid_ClearErrorWithExamples(string command, string echoed)
    {
        var reply = await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", command));
        var text = Text(reply);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains($"\"{echoed}\"", text, StringComparison.Ordinal);
        Assert.Contains("/timezone Europe/Berlin", text, StringComparison.Ordinal);
        Assert.Contains("/timezone UTC+2", text, StringComparison.Ordinal);
        Assert.Null(await _harness.People.FindAsync(new PersonKey("telegram", "1"), CancellationToken.None));
    }

    [Fact]
    public async Task TimeZone_TenThousandCharacters_ShortErrorNothingSaved()
    {
        var reply = await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone " + new string('x', 10_000)));

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.True(Text(reply).Length < 600);
        Assert.Null(await _harness.People.FindAsync(new PersonKey("telegram", "1"), CancellationToken.None));
    }

    [Fact]
    public async Task TimeZone_SetCity_SavedAndShownWithLocalTime()
    {
        var set = await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone new york"));
        var shown = await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone"));

        Assert.Contains("America/New_York", Text(set), StringComparison.Ordinal);
        Assert.Contains("07:00", Text(set), StringComparison.Ordinal); // 12:00 UTC in March, before US DST
        Assert.Contains("America/New_York — your local time is Mon 2 Mar, 07:00", Text(shown), StringComparison.Ordinal);
        Assert.Equal("America/New_York", (await _harness.People.FindAsync(new PersonKey("telegram", "1"), CancellationToken.None))!.TimeZoneId);
    }

    [Fact]
    public async Task TimeZone_NotSet_ShowsUtc()
    {
        var text = Text(await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/tz")));

        Assert.Contains("Not set", text, StringComparison.Ordinal);
        Assert.Contains("12:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_WithZoneSet_NoUtcHintAndUsesLocalDate()
    {
        await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone Pacific/Kiritimati"));

        // 09:59 UTC is 23:59 in Kiritimati; two minutes later is the next local day there, still the same UTC day.
        _harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 59, 0, TimeSpan.Zero));
        var first = await DoneAsync();
        _harness.Time.Advance(TimeSpan.FromMinutes(2));
        var second = await DoneAsync();

        Assert.DoesNotContain("UTC", Text(first), StringComparison.Ordinal);
        Assert.Equal("Day 1 🔥", first.Notice);
        Assert.Equal("Day 2 🔥", second.Notice);
    }

    [Fact]
    public async Task Done_ZoneChangedWestAfterCompleting_NoDayCreatedOrLost()
    {
        await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone Tokyo"));
        _harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero)); // 3 March 05:00 in Tokyo
        await DoneAsync();

        await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone Pago Pago")); // 2 March 09:00 there
        var again = await DoneAsync();

        // 2 March in Pago Pago is a different stored date from 3 March (Tokyo): it counts, and the two join up.
        Assert.Equal("Day 2 🔥", again.Notice);
        _harness.Time.Advance(TimeSpan.FromDays(1)); // 3 March in Pago Pago: already stored from Tokyo
        Assert.Contains("Already counted for today — you're on day 2", Text(await DoneAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_PerChat_OnlyPeopleActiveThereByNameNeverId()
    {
        await DoneAsync("1", "Ann", "-100200");
        await DoneAsync("2", "Bo", "-100200");
        NextDay();
        await DoneAsync("1", "Ann", "-100200");
        await DoneAsync("3", "Cy", "-100300");

        var text = Text(await _harness.CommandAsync(Messages.TelegramGroup("2", "Bo", "/leaderboard", "-100200")));

        Assert.Contains("1. Ann — 2 days 🔥 ✅", text, StringComparison.Ordinal);
        Assert.Contains("2. Bo — 1 day 🔥", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("telegram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_PerServer_IncludesEveryChannelOfThatGuildOnly()
    {
        await _harness.CommandAsync(Messages.DiscordChannel("11", "Ann", "/done", "chan-a", "guild-1"));
        await _harness.CommandAsync(Messages.DiscordChannel("12", "Bo", "/done", "chan-b", "guild-1"));
        await _harness.CommandAsync(Messages.DiscordChannel("13", "Cy", "/done", "chan-c", "guild-2"));

        var text = Text(await _harness.CommandAsync(Messages.DiscordChannel("12", "Bo", "/leaderboard", "chan-a", "guild-1")));

        Assert.Contains("this server", text, StringComparison.Ordinal);
        Assert.Contains("Ann", text, StringComparison.Ordinal);
        Assert.Contains("Bo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cy", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_StreakDecaysAtReadTime_BrokenStreaksDropOff()
    {
        await DoneAsync("1", "Ann");
        await DoneAsync("2", "Bo");
        NextDay();
        await DoneAsync("2", "Bo");
        NextDay();
        NextDay();
        await DoneAsync("3", "Cy");

        var text = Text(await _harness.CommandAsync(Messages.TelegramGroup("3", "Cy", "/leaderboard")));

        Assert.Contains("1. Cy — 1 day", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bo", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_TwelvePeople_TopTenOnly()
    {
        // Person n starts on day 11 - n, so on the last day P11 has 12 days, P10 11 days, … P00 1 day.
        for (var day = 0; day < 12; day++)
        {
            if (day > 0)
            {
                NextDay();
            }

            for (var person = 11 - day; person < 12; person++)
            {
                await DoneAsync($"{person}", $"P{person:00}");
            }
        }

        var lines = Text(await _harness.CommandAsync(Messages.TelegramGroup("1", "P01", "/leaderboard")))
            .Split('\n')
            .Where(l => l.StartsWith("• ", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(10, lines.Count);
        Assert.StartsWith("• 1. P11 — 12 days", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("• 10. P02 — 3 days", lines[9], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_Empty_Invites()
    {
        var text = Text(await _harness.CommandAsync(Messages.TelegramGroup("1", "Ann", "/leaderboard")));

        Assert.Contains("No live streaks in this chat yet", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_DisplayNameChanges_LeaderboardShowsLatest()
    {
        await DoneAsync("1", "Ann");
        await DoneAsync("1", "Annie \u0007");

        var text = Text(await _harness.CommandAsync(Messages.TelegramGroup("1", "Annie", "/leaderboard")));

        Assert.Contains("1. Annie — 1 day", text, StringComparison.Ordinal);
        Assert.Equal("Annie", (await _harness.People.FindAsync(new PersonKey("telegram", "1"), CancellationToken.None))!.DisplayName);
    }
}

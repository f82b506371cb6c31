using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

/// <summary>Links racing each other and commands arriving during a link: one person, nothing lost or counted twice.</summary>
public sealed class PeopleRaceTests
{
    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    private static PersonKey Console => PeopleWorld.Console;

    [Fact]
    public async Task Link_TwoAccountsTypeTheSameCodeAtOnce_ExactlyOneIsLinked()
    {
        for (var round = 0; round < 20; round++)
        {
            var world = new PeopleWorld();
            var code = await world.CodeAsync(Telegram);

            var replies = await Task.WhenAll(
                Task.Run(() => world.TextAsync(Discord, "/link " + code)),
                Task.Run(() => world.TextAsync(Console, "link " + code)));

            Assert.Single(replies, r => r.Contains("Accounts linked", StringComparison.Ordinal));
            Assert.Single(replies, r => r.Contains("isn't right", StringComparison.Ordinal));
            Assert.Equal(2, (await world.Service.AccountsOfAsync(Telegram, default)).Count);
        }
    }

    [Fact]
    public async Task Link_EachTypesTheOthersCodeAtOnce_OnePersonWithEveryDay()
    {
        for (var round = 0; round < 20; round++)
        {
            var world = new PeopleWorld();
            await world.SayAsync(Telegram, "/done");
            world.NextDay();
            await world.SayAsync(Discord, "/done");
            var telegramCode = await world.CodeAsync(Telegram);
            var discordCode = await world.CodeAsync(Discord);

            var replies = await Task.WhenAll(
                Task.Run(() => world.TextAsync(Discord, "/link " + telegramCode)),
                Task.Run(() => world.TextAsync(Telegram, "/link " + discordCode)));

            var person = Assert.Single((await world.Service.AccountsOfAsync(Telegram, default)).Take(1));
            Assert.Equal(await world.Service.AccountsOfAsync(Telegram, default), await world.Service.AccountsOfAsync(Discord, default));
            Assert.Contains(replies, r => r.Contains("Accounts linked", StringComparison.Ordinal));
            Assert.Contains(replies, r => r.Contains("Already linked", StringComparison.Ordinal));
            Assert.Equal([new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 3)], await world.Completions.GetAllDatesAsync(person, default));
            Assert.Equal(2, (await world.Summaries.FindAsync(person, default))!.State.Total);
        }
    }

    [Fact]
    public async Task Done_OnBothPlatformsInTheSameSecond_AfterLinking_CountedOnce()
    {
        for (var round = 0; round < 20; round++)
        {
            var world = new PeopleWorld();
            await world.LinkAsync(Telegram, Discord);

            var replies = await Task.WhenAll(
                Task.Run(() => world.TextAsync(Telegram, "/done")),
                Task.Run(() => world.TextAsync(Discord, "/done")));

            Assert.Single(replies, r => r.Contains("Day 1", StringComparison.Ordinal));
            Assert.Single(replies, r => r.Contains("Already", StringComparison.Ordinal));
            Assert.Single(await world.Completions.GetAllDatesAsync(Telegram, default));
            Assert.Empty(await world.Completions.GetAllDatesAsync(Discord, default));
        }
    }

    [Fact]
    public async Task Done_OnTheTypingAccountWhileItLinks_TheDayEndsUpWithThePerson()
    {
        for (var round = 0; round < 20; round++)
        {
            var world = new PeopleWorld();
            await world.SayAsync(Telegram, "/done");
            world.NextDay();
            var code = await world.CodeAsync(Telegram);

            await Task.WhenAll(
                Task.Run(() => world.TextAsync(Discord, "/done")),
                Task.Run(() => world.TextAsync(Discord, "/link " + code)),
                Task.Run(() => world.TextAsync(Telegram, "/done")));

            Assert.Equal([new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 3)], await world.Completions.GetAllDatesAsync(Telegram, default));
            Assert.Empty(await world.Completions.GetAllDatesAsync(Discord, default));
            Assert.Equal(2, (await world.Summaries.FindAsync(Telegram, default))!.State.Run);
        }
    }
}

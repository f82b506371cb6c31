using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.Contract.Tests.Backends;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

public abstract class AdapterStateStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Get_NeverSet_IsNull() =>
        Assert.Null(await Backend.AdapterState.GetAsync("telegram:offset", None));

    [StoreFact]
    public async Task Set_Twice_GetReturnsTheLastValueForThatKeyOnly()
    {
        await Backend.AdapterState.SetAsync("telegram:offset", "100", None);
        await Backend.AdapterState.SetAsync("telegram:offset", "101", None);
        await Backend.AdapterState.SetAsync("discord:session", "abc", None);

        Assert.Equal("101", await Backend.AdapterState.GetAsync("telegram:offset", None));
        Assert.Equal("abc", await Backend.AdapterState.GetAsync("discord:session", None));
    }
}

public abstract class PersonStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Find_Unknown_IsNull() => Assert.Null(await Backend.People.FindAsync(Ann, None));

    [StoreFact]
    public async Task Save_ThenChangeNameAndClearZone_FindReturnsTheLatest()
    {
        await Backend.People.SaveAsync(new PersonProfile(Ann, "Ann", "Europe/Berlin"), None);
        Assert.Equal(new PersonProfile(Ann, "Ann", "Europe/Berlin"), await Backend.People.FindAsync(Ann, None));

        await Backend.People.SaveAsync(new PersonProfile(Ann, "Ann B.", null), None);

        Assert.Equal(new PersonProfile(Ann, "Ann B.", null), await Backend.People.FindAsync(Ann, None));
        Assert.Null(await Backend.People.FindAsync(Bob, None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesOnlyTheirs_CountsOneThenZero()
    {
        await Backend.People.SaveAsync(new PersonProfile(Ann, "Ann", null), None);
        await Backend.People.SaveAsync(new PersonProfile(Bob, "Bob", null), None);

        Assert.Equal(1, await Backend.People.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.People.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.People.FindAsync(Ann, None));
        Assert.NotNull(await Backend.People.FindAsync(Bob, None));
    }

    [StoreFact]
    public async Task FindLanguage_NeverChosen_IsNull() => Assert.Null(await Backend.People.FindLanguageAsync(Ann, None));

    [StoreFact]
    public async Task SaveLanguage_ThenSaveProfile_BothKeptAndOnlyTheirs()
    {
        await Backend.People.SaveAsync(new PersonProfile(Ann, "Ann", "Europe/Berlin"), None);
        await Backend.People.SaveLanguageAsync(Ann, "zh", None);

        // Rebuilding the profile (a new name, a new zone) keeps the language; the language keeps name and zone.
        await Backend.People.SaveAsync(new PersonProfile(Ann, "Ann B.", "Asia/Shanghai"), None);

        Assert.Equal("zh", await Backend.People.FindLanguageAsync(Ann, None));
        Assert.Equal(new PersonProfile(Ann, "Ann B.", "Asia/Shanghai"), await Backend.People.FindAsync(Ann, None));
        Assert.Null(await Backend.People.FindLanguageAsync(Bob, None));
    }

    [StoreFact]
    public async Task SaveLanguage_NoProfileYet_CreatesTheRecordAndChangesAndClears()
    {
        await Backend.People.SaveLanguageAsync(Ann, "zh", None);
        Assert.Equal("zh", await Backend.People.FindLanguageAsync(Ann, None));
        Assert.NotNull(await Backend.People.FindAsync(Ann, None));

        await Backend.People.SaveLanguageAsync(Ann, "en", None);
        Assert.Equal("en", await Backend.People.FindLanguageAsync(Ann, None));

        await Backend.People.SaveLanguageAsync(Ann, null, None);
        Assert.Null(await Backend.People.FindLanguageAsync(Ann, None));
    }

    [StoreFact]
    public async Task DeletePerson_WithLanguage_TheLanguageGoesToo()
    {
        await Backend.People.SaveLanguageAsync(Ann, "zh", None);

        Assert.Equal(1, await Backend.People.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.People.FindLanguageAsync(Ann, None));
        Assert.Null(await Backend.People.FindAsync(Ann, None));
    }
}

public abstract class PauseStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Get_NoPauseEver_IsEmptyAndWelcomedBack()
    {
        var history = await Backend.Pauses.GetAsync(Ann, None);

        Assert.Empty(history.Pauses);
        Assert.True(history.WelcomedBack);
    }

    [StoreFact]
    public async Task Save_TwoPauses_GetReturnsThemOldestFirstWithTheFlag()
    {
        var older = new PauseSpan(Monday.PlusDays(-30), Monday.PlusDays(-24));
        var newer = new PauseSpan(Monday, Monday.PlusDays(6));

        await Backend.Pauses.SaveAsync(Ann, new PauseHistory([newer, older], WelcomedBack: false), None);

        var history = await Backend.Pauses.GetAsync(Ann, None);
        Assert.Equal([older, newer], history.Pauses);
        Assert.False(history.WelcomedBack);
        Assert.Empty((await Backend.Pauses.GetAsync(Bob, None)).Pauses);
    }

    [StoreFact]
    public async Task Save_Again_ReplacesTheHistory()
    {
        await Backend.Pauses.SaveAsync(Ann, new PauseHistory([new PauseSpan(Monday, Monday.PlusDays(6))], false), None);
        await Backend.Pauses.SaveAsync(Ann, new PauseHistory([new PauseSpan(Monday, Monday.PlusDays(2))], true), None);

        var history = await Backend.Pauses.GetAsync(Ann, None);
        Assert.Equal([new PauseSpan(Monday, Monday.PlusDays(2))], history.Pauses);
        Assert.True(history.WelcomedBack);
    }

    [StoreFact]
    public async Task DeletePerson_RemovesOnlyTheirs_CountsOneThenZero()
    {
        var pause = new PauseHistory([new PauseSpan(Monday, Monday.PlusDays(6))], false);
        await Backend.Pauses.SaveAsync(Ann, pause, None);
        await Backend.Pauses.SaveAsync(Bob, pause, None);

        Assert.Equal(1, await Backend.Pauses.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.Pauses.DeletePersonAsync(Ann, None));

        Assert.Empty((await Backend.Pauses.GetAsync(Ann, None)).Pauses);
        Assert.Equal(pause.Pauses, (await Backend.Pauses.GetAsync(Bob, None)).Pauses);
    }
}

public abstract class StreakActivityStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Record_TwiceInAChat_ThePersonIsListedOnce()
    {
        await Backend.Activity.RecordAsync(DirectChat, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, Ann, None);

        Assert.Equal([Ann], await Backend.Activity.GetPeopleAsync(DirectChat, None));
        Assert.Empty(await Backend.Activity.GetPeopleAsync(DirectChat with { ChatId = "43" }, None));
    }

    [StoreFact]
    public async Task Record_InTwoChannelsOfAServer_EveryChannelOfThatServerListsBoth()
    {
        await Backend.Activity.RecordAsync(GuildChannel, Ann, None);
        await Backend.Activity.RecordAsync(GuildChannel with { ChatId = "901" }, Bob, None);
        await Backend.Activity.RecordAsync(GuildChannel with { ChatId = "950", ServerId = "guild-8" }, new("discord", "99"), None);

        var people = await Backend.Activity.GetPeopleAsync(GuildChannel with { ChatId = "902" }, None);

        Assert.Equal(new[] { Ann, Bob }.OrderBy(p => p.UserId), people.OrderBy(p => p.UserId));
    }

    [StoreFact]
    public async Task GetScopes_AChatAndAServerChannel_TheChatsAndTheServerInOrdinalOrder()
    {
        await Backend.Activity.RecordAsync(GuildChannel, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, Bob, None);

        Assert.Equal(["discord|chat|900", "discord|server|guild-7", "telegram|chat|42"], await Backend.Activity.GetScopesAsync(Ann, None));
        Assert.Empty(await Backend.Activity.GetScopesAsync(new PersonKey("telegram", "nobody"), None));
    }

    [StoreFact]
    public async Task CopyPerson_TargetBecomesActiveWhereTheSourceIs_CountsOnlyNewScopes()
    {
        var linked = new PersonKey("console", "ann");
        await Backend.Activity.RecordAsync(GuildChannel, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, linked, None);

        Assert.Equal(2, await Backend.Activity.CopyPersonAsync(Ann, linked, None));
        Assert.Equal(0, await Backend.Activity.CopyPersonAsync(Ann, linked, None));

        Assert.Equal(await Backend.Activity.GetScopesAsync(Ann, None), await Backend.Activity.GetScopesAsync(linked, None));
        Assert.Contains(linked, await Backend.Activity.GetPeopleAsync(GuildChannel with { ChatId = "901" }, None));
    }

    [StoreFact]
    public async Task RecordWithName_EachScopeKeepsItsOwnName_ALaterNameReplacesIt()
    {
        await Backend.Activity.RecordAsync(DirectChat, Ann, "Ann on Telegram", None);
        await Backend.Activity.RecordAsync(GuildChannel, Ann, "annie", None);
        await Backend.Activity.RecordAsync(GuildChannel, Bob, "Bob", None);
        await Backend.Activity.RecordAsync(GuildChannel with { ChatId = "901" }, Ann, "Annie B", None);

        Assert.Equal([new ScopeMember(Ann, "Ann on Telegram")], await Backend.Activity.GetMembersAsync(DirectChat, None));
        var server = await Backend.Activity.GetMembersAsync(GuildChannel, None);
        Assert.Equal([new ScopeMember(Ann, "Annie B"), new ScopeMember(Bob, "Bob")], server.OrderBy(m => m.Person.UserId, StringComparer.Ordinal));
        Assert.Equal(
            new Dictionary<string, string> { ["discord|chat|900"] = "annie", ["discord|chat|901"] = "Annie B", ["discord|server|guild-7"] = "Annie B", ["telegram|chat|42"] = "Ann on Telegram" },
            await Backend.Activity.GetScopeNamesAsync(Ann, None));
    }

    [StoreFact]
    public async Task RecordWithoutName_KeepsTheNameAlreadyThere_AndARowWithoutOneHasNone()
    {
        await Backend.Activity.RecordAsync(DirectChat, Ann, "Ann", None);
        await Backend.Activity.RecordAsync(DirectChat, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, Bob, None);

        var members = await Backend.Activity.GetMembersAsync(DirectChat, None);

        Assert.Equal([new ScopeMember(Ann, "Ann"), new ScopeMember(Bob, null)], members.OrderBy(m => m.Person.UserId, StringComparer.Ordinal));
        Assert.Empty(await Backend.Activity.GetScopeNamesAsync(Bob, None));
    }

    [StoreFact]
    public async Task CopyPerson_WithNames_TheTargetKeepsItsOwnAndGetsTheSourcesElsewhere()
    {
        var linked = new PersonKey("console", "ann");
        await Backend.Activity.RecordAsync(GuildChannel, Ann, "annie", None);
        await Backend.Activity.RecordAsync(DirectChat, Ann, "Ann T", None);
        await Backend.Activity.RecordAsync(DirectChat, linked, "Ann at the console", None);
        await Backend.Activity.RecordAsync(GuildChannel with { ChatId = "901" }, linked, None);

        Assert.Equal(1, await Backend.Activity.CopyPersonAsync(Ann, linked, None));

        Assert.Equal(
            new Dictionary<string, string> { ["discord|chat|900"] = "annie", ["discord|server|guild-7"] = "annie", ["telegram|chat|42"] = "Ann at the console" },
            await Backend.Activity.GetScopeNamesAsync(linked, None));
        Assert.Contains(new ScopeMember(linked, "annie"), await Backend.Activity.GetMembersAsync(GuildChannel, None));
    }

    [StoreFact]
    public async Task DeletePerson_WithNames_NoNameOfTheirsIsLeft()
    {
        await Backend.Activity.RecordAsync(GuildChannel, Ann, "annie", None);
        await Backend.Activity.RecordAsync(GuildChannel, Bob, "Bob", None);

        Assert.Equal(2, await Backend.Activity.DeletePersonAsync(Ann, None));

        Assert.Empty(await Backend.Activity.GetScopeNamesAsync(Ann, None));
        Assert.Equal([new ScopeMember(Bob, "Bob")], await Backend.Activity.GetMembersAsync(GuildChannel, None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesEveryScopeOfTheirs_CountsThemAndLeavesOthers()
    {
        await Backend.Activity.RecordAsync(GuildChannel, Ann, None);
        await Backend.Activity.RecordAsync(DirectChat, Ann, None);
        await Backend.Activity.RecordAsync(GuildChannel, Bob, None);

        Assert.Equal(3, await Backend.Activity.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.Activity.DeletePersonAsync(Ann, None));

        Assert.Empty(await Backend.Activity.GetScopesAsync(Ann, None));
        Assert.Equal([Bob], await Backend.Activity.GetPeopleAsync(GuildChannel, None));
    }
}

public sealed class AdapterStateStoreOnLiteDb : AdapterStateStoreContract<LiteDbBackend>;

public sealed class AdapterStateStoreInMemory : AdapterStateStoreContract<InMemoryBackend>;

public sealed class AdapterStateStoreOnPostgres : AdapterStateStoreContract<PostgresBackend>;

public sealed class PersonStoreOnLiteDb : PersonStoreContract<LiteDbBackend>;

public sealed class PersonStoreInMemory : PersonStoreContract<InMemoryBackend>;

public sealed class PersonStoreOnPostgres : PersonStoreContract<PostgresBackend>;

public sealed class PauseStoreOnLiteDb : PauseStoreContract<LiteDbBackend>;

public sealed class PauseStoreInMemory : PauseStoreContract<InMemoryBackend>;

public sealed class PauseStoreOnPostgres : PauseStoreContract<PostgresBackend>;

public sealed class StreakActivityStoreOnLiteDb : StreakActivityStoreContract<LiteDbBackend>;

public sealed class StreakActivityStoreInMemory : StreakActivityStoreContract<InMemoryBackend>;

public sealed class StreakActivityStoreOnPostgres : StreakActivityStoreContract<PostgresBackend>;

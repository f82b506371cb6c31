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

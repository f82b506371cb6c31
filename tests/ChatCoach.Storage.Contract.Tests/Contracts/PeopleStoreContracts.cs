using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Storage.Contract.Tests.Backends;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

public abstract class AccountLinkStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    private static readonly PersonKey Cat = new("console", "cat");

    [StoreFact]
    public async Task FindPerson_Unlinked_IsNullAndNoAccounts()
    {
        Assert.Null(await Backend.AccountLinks.FindPersonAsync(Ann, None));
        Assert.Empty(await Backend.AccountLinks.GetAccountsAsync(Ann, None));
    }

    [StoreFact]
    public async Task SaveLink_ThenRelink_FindPersonReturnsTheLatest()
    {
        await Backend.AccountLinks.SaveLinkAsync(Bob, Ann, Morning, None);
        Assert.Equal(Ann, await Backend.AccountLinks.FindPersonAsync(Bob, None));

        await Backend.AccountLinks.SaveLinkAsync(Bob, Cat, Morning + Duration.FromMinutes(1), None);

        Assert.Equal(Cat, await Backend.AccountLinks.FindPersonAsync(Bob, None));
        Assert.Empty(await Backend.AccountLinks.GetAccountsAsync(Ann, None));
    }

    [StoreFact]
    public async Task GetAccounts_OwnAccountFirstThenInLinkOrder()
    {
        await Backend.AccountLinks.SaveLinkAsync(Cat, Ann, Morning + Duration.FromMinutes(5), None);
        await Backend.AccountLinks.SaveLinkAsync(Bob, Ann, Morning + Duration.FromMinutes(1), None);
        await Backend.AccountLinks.SaveLinkAsync(Ann, Ann, Morning + Duration.FromMinutes(9), None);

        Assert.Equal([Ann, Bob, Cat], await Backend.AccountLinks.GetAccountsAsync(Ann, None));
    }

    [StoreFact]
    public async Task RemoveLink_SaysWhetherThereWasOne()
    {
        await Backend.AccountLinks.SaveLinkAsync(Bob, Ann, Morning, None);

        Assert.True(await Backend.AccountLinks.RemoveLinkAsync(Bob, None));
        Assert.False(await Backend.AccountLinks.RemoveLinkAsync(Bob, None));
        Assert.Null(await Backend.AccountLinks.FindPersonAsync(Bob, None));
    }

    [StoreFact]
    public async Task SaveCode_Twice_ReplacesTheAccountsEarlierCodeAndTakeIsSingleUse()
    {
        var expires = Morning + Duration.FromMinutes(10);
        await Backend.AccountLinks.SaveCodeAsync(new PendingLinkCode("hash-1", Ann, expires), None);
        await Backend.AccountLinks.SaveCodeAsync(new PendingLinkCode("hash-2", Ann, expires), None);
        await Backend.AccountLinks.SaveCodeAsync(new PendingLinkCode("hash-3", Bob, expires), None);

        Assert.Null(await Backend.AccountLinks.TakeCodeAsync("hash-1", None));
        Assert.Equal(new PendingLinkCode("hash-2", Ann, expires), await Backend.AccountLinks.TakeCodeAsync("hash-2", None));
        Assert.Null(await Backend.AccountLinks.TakeCodeAsync("hash-2", None));
        Assert.Equal(Bob, (await Backend.AccountLinks.TakeCodeAsync("hash-3", None))?.Account);
    }

    [StoreFact]
    public async Task TakeCode_TwentyCallersAtOnce_ExactlyOneGetsIt()
    {
        await Backend.AccountLinks.SaveCodeAsync(new PendingLinkCode("hash-1", Ann, Morning), None);

        var taken = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Backend.AccountLinks.TakeCodeAsync("hash-1", None))));

        Assert.Single(taken, code => code is not null);
    }

    [StoreFact]
    public async Task RecordWrongTry_DropsTriesBeforeTheWindowAndReturnsThemOldestFirst()
    {
        await Backend.AccountLinks.RecordWrongTryAsync(Ann, Morning, Morning - Duration.FromHours(1), None);
        await Backend.AccountLinks.RecordWrongTryAsync(Ann, Morning + Duration.FromMinutes(20), Morning - Duration.FromHours(1), None);

        var tries = await Backend.AccountLinks.RecordWrongTryAsync(Ann, Morning + Duration.FromMinutes(10), Morning + Duration.FromMinutes(1), None);

        Assert.Equal([Morning + Duration.FromMinutes(10), Morning + Duration.FromMinutes(20)], tries);
        Assert.Equal([Morning + Duration.FromMinutes(20)], await Backend.AccountLinks.GetWrongTriesAsync(Ann, Morning + Duration.FromMinutes(15), None));
        Assert.Empty(await Backend.AccountLinks.GetWrongTriesAsync(Bob, Morning - Duration.FromDays(1), None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesTheirLinksCodesAndTries_CountsThemAndLeavesOthers()
    {
        await Backend.AccountLinks.SaveLinkAsync(Ann, Ann, Morning, None);
        await Backend.AccountLinks.SaveLinkAsync(Bob, Ann, Morning, None);
        await Backend.AccountLinks.SaveLinkAsync(Cat, Bob, Morning, None);
        await Backend.AccountLinks.SaveCodeAsync(new PendingLinkCode("hash-ann", Ann, Morning), None);
        await Backend.AccountLinks.SaveCodeAsync(new PendingLinkCode("hash-cat", Cat, Morning), None);
        await Backend.AccountLinks.RecordWrongTryAsync(Ann, Morning, Morning, None);

        Assert.Equal(4, await Backend.AccountLinks.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.AccountLinks.FindPersonAsync(Ann, None));
        Assert.Null(await Backend.AccountLinks.FindPersonAsync(Bob, None));
        Assert.Empty(await Backend.AccountLinks.GetWrongTriesAsync(Ann, Morning - Duration.FromDays(1), None));
        Assert.Null(await Backend.AccountLinks.TakeCodeAsync("hash-ann", None));
        Assert.Equal(Bob, await Backend.AccountLinks.FindPersonAsync(Cat, None));
        Assert.NotNull(await Backend.AccountLinks.TakeCodeAsync("hash-cat", None));
        Assert.Equal(0, await Backend.AccountLinks.DeletePersonAsync(Ann, None));
    }
}

public abstract class ProgressionStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Get_NeverSaved_IsNull() => Assert.Null(await Backend.Progression.GetAsync(Ann, None));

    [StoreFact]
    public async Task Save_ThenChange_GetReturnsTheLatestForThatPersonOnly()
    {
        await Backend.Progression.SaveAsync(Ann, ProgressionState.Start, None);
        Assert.Equal(ProgressionState.Start, await Backend.Progression.GetAsync(Ann, None));

        await Backend.Progression.SaveAsync(Ann, new ProgressionState(3, Monday), None);

        Assert.Equal(new ProgressionState(3, Monday), await Backend.Progression.GetAsync(Ann, None));
        Assert.Null(await Backend.Progression.GetAsync(Bob, None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesOnlyTheirs_CountsOneThenZero()
    {
        await Backend.Progression.SaveAsync(Ann, new ProgressionState(2, Monday), None);
        await Backend.Progression.SaveAsync(Bob, new ProgressionState(4, Monday), None);

        Assert.Equal(1, await Backend.Progression.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.Progression.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.Progression.GetAsync(Ann, None));
        Assert.Equal(4, (await Backend.Progression.GetAsync(Bob, None))?.Level);
    }
}

public abstract class ReminderStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Save_ThenGet_RoundTripsEveryField()
    {
        var reminder = Remind(Ann, Morning) with
        {
            Attempts = 2,
            SendingDate = Monday,
            LastSentDate = Monday.PlusDays(-1),
            Language = "zh",
        };

        await Backend.Reminders.SaveAsync(reminder, None);

        Assert.Equal(reminder, await Backend.Reminders.GetAsync(Ann, None));
        Assert.Null(await Backend.Reminders.GetAsync(Bob, None));
    }

    [StoreFact]
    public async Task Save_Disabled_RoundTripsAndIsNeverDue()
    {
        var disabled = Remind(Ann, Instant.MaxValue) with { Enabled = false, DisabledReason = "bot was blocked" };

        await Backend.Reminders.SaveAsync(disabled, None);

        Assert.Equal(disabled, await Backend.Reminders.GetAsync(Ann, None));
        Assert.Empty(await Backend.Reminders.FindDueAsync(Morning + Duration.FromDays(400), 0, 10, None));
        Assert.Null(await Backend.Reminders.NextDueAfterAsync(Morning - Duration.FromDays(1), None));
    }

    [StoreFact]
    public async Task FindDue_AtOrBeforeNow_EarliestFirstWithSkipAndLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await Backend.Reminders.SaveAsync(Remind(new PersonKey("telegram", $"p{i}"), Morning + Duration.FromMinutes(4 - i)), None);
        }

        await Backend.Reminders.SaveAsync(Remind(new PersonKey("telegram", "later"), Morning + Duration.FromHours(1)), None);

        var now = Morning + Duration.FromMinutes(4);
        Assert.Equal(["p4", "p3", "p2", "p1", "p0"], (await Backend.Reminders.FindDueAsync(now, 0, 10, None)).Select(r => r.Person.UserId));
        Assert.Equal(["p3", "p2"], (await Backend.Reminders.FindDueAsync(now, 1, 2, None)).Select(r => r.Person.UserId));
    }

    [StoreFact]
    public async Task NextDueAfter_TheEarliestStrictlyLater_OrNullWhenNone()
    {
        Assert.Null(await Backend.Reminders.NextDueAfterAsync(Morning, None));
        await Backend.Reminders.SaveAsync(Remind(Ann, Morning), None);
        await Backend.Reminders.SaveAsync(Remind(Bob, Morning + Duration.FromMinutes(30)), None);

        Assert.Equal(Morning, await Backend.Reminders.NextDueAfterAsync(Morning - Duration.FromSeconds(1), None));
        Assert.Equal(Morning + Duration.FromMinutes(30), await Backend.Reminders.NextDueAfterAsync(Morning, None));
        Assert.Null(await Backend.Reminders.NextDueAfterAsync(Morning + Duration.FromMinutes(30), None));
    }

    [StoreFact]
    public async Task DeletePerson_RemovesOnlyTheirs_CountsOneThenZero()
    {
        await Backend.Reminders.SaveAsync(Remind(Ann, Morning), None);
        await Backend.Reminders.SaveAsync(Remind(Bob, Morning), None);

        Assert.Equal(1, await Backend.Reminders.DeletePersonAsync(Ann, None));
        Assert.Equal(0, await Backend.Reminders.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.Reminders.GetAsync(Ann, None));
        Assert.Equal([Bob], (await Backend.Reminders.FindDueAsync(Morning, 0, 10, None)).Select(r => r.Person));
    }

    private static Reminder Remind(PersonKey person, Instant due) =>
        new(person, new ChatAddress(person.Platform, person.UserId), new LocalTime(20, 30), Monday, due);
}

public sealed class AccountLinkStoreOnLiteDb : AccountLinkStoreContract<LiteDbBackend>;

public sealed class AccountLinkStoreInMemory : AccountLinkStoreContract<InMemoryBackend>;

public sealed class AccountLinkStoreOnPostgres : AccountLinkStoreContract<PostgresBackend>;

public sealed class ProgressionStoreOnLiteDb : ProgressionStoreContract<LiteDbBackend>;

public sealed class ProgressionStoreInMemory : ProgressionStoreContract<InMemoryBackend>;

public sealed class ProgressionStoreOnPostgres : ProgressionStoreContract<PostgresBackend>;

public sealed class ReminderStoreOnLiteDb : ReminderStoreContract<LiteDbBackend>;

public sealed class ReminderStoreInMemory : ReminderStoreContract<InMemoryBackend>;

public sealed class ReminderStoreOnPostgres : ReminderStoreContract<PostgresBackend>;

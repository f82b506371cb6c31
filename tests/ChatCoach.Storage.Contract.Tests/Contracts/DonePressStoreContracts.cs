using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.Contract.Tests.Backends;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

/// <summary>
/// <see cref="IDonePressStore"/>, for the stores that write a press's profile and activity rows in the completion's
/// transaction (LiteDB, PostgreSQL; the in-memory twins write them apart, through their own stores).
/// </summary>
public abstract class DonePressStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    private IDonePressStore Store => Assert.IsAssignableFrom<IDonePressStore>(Backend.Completions);

    [StoreFact]
    public void Covers_ItsOwnBackendsPeopleAndActivity_True()
    {
        Assert.True(Store.Covers(Backend.People, Backend.Activity));
    }

    [StoreFact]
    public async Task TryAdd_NewPersonInAGuild_StoresCompletionSummaryProfileAndBothActivityRows()
    {
        var writes = new DonePressWrites(new PersonProfile(Bob, "Bob", "Europe/Berlin"), GuildChannel, "Bob");

        Assert.True(await Store.TryAddAsync(new Completion(Bob, Monday, GuildChannel, Morning), Summary(Bob, 1), writes, None));

        Assert.Equal([Monday], await Backend.Completions.GetAllDatesAsync(Bob, None));
        Assert.Equal(1, (await Backend.Summaries.FindAsync(Bob, None))?.State.Run);
        Assert.Equal(new PersonProfile(Bob, "Bob", "Europe/Berlin"), await Backend.People.FindAsync(Bob, None));
        Assert.Equal(["discord|chat|900", "discord|server|guild-7"], await Backend.Activity.GetScopesAsync(Bob, None));
    }

    [StoreFact]
    public async Task TryAdd_SameDateAgainUnderANewName_RefusedKeepsTheFirstSummaryAndStillSavesTheName()
    {
        await Store.TryAddAsync(new Completion(Ann, Monday, DirectChat, Morning), Summary(Ann, 1), new DonePressWrites(new PersonProfile(Ann, "Ann", null), DirectChat, "Ann"), None);

        var again = await Store.TryAddAsync(
            new Completion(Ann, Monday, DirectChat, Morning + Duration.FromHours(1)), Summary(Ann, 99), new DonePressWrites(new PersonProfile(Ann, "Annie", null), DirectChat, "Annie"), None);

        Assert.False(again);
        Assert.Equal(1, (await Backend.Summaries.FindAsync(Ann, None))?.State.Run);
        Assert.Equal("Annie", (await Backend.People.FindAsync(Ann, None))?.DisplayName);
        Assert.Equal("Annie", Assert.Single(await Backend.Activity.GetMembersAsync(DirectChat, None)).DisplayName);
    }

    [StoreFact]
    public async Task TryAdd_ProfileUnchanged_LeavesTheStoredProfileAsItWas()
    {
        await Backend.People.SaveAsync(new PersonProfile(Ann, "Ann", "Asia/Tokyo"), None);
        await Backend.People.SaveLanguageAsync(Ann, "zh", None);

        Assert.True(await Store.TryAddAsync(new Completion(Ann, Monday, DirectChat, Morning), Summary(Ann, 1), new DonePressWrites(null, DirectChat, "Ann"), None));

        Assert.Equal(new PersonProfile(Ann, "Ann", "Asia/Tokyo"), await Backend.People.FindAsync(Ann, None));
        Assert.Equal("zh", await Backend.People.FindLanguageAsync(Ann, None));
    }

    private static StreakSummary Summary(PersonKey person, int run) =>
        new(person, "n", null, new StreakState(Monday, run, run, run, 0, []));
}

public sealed class DonePressStoreOnLiteDb : DonePressStoreContract<LiteDbBackend>;

public sealed class DonePressStoreOnPostgres : DonePressStoreContract<PostgresBackend>;

using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.Contract.Tests.Backends;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

public abstract class SubscriptionStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Save_ThenFind_RoundTripsEveryField()
    {
        var subscription = Subscribe(GuildChannel, Morning) with { ZoneId = "Asia/Kolkata", Focus = "hips", LocalTime = new LocalTime(19, 45) };

        await Backend.Subscriptions.SaveAsync(subscription, None);

        Assert.Equal(subscription, await Backend.Subscriptions.FindAsync(GuildChannel, None));
        Assert.Null(await Backend.Subscriptions.FindAsync(DirectChat, None));
    }

    [StoreFact]
    public async Task Save_Disabled_RoundTripsWithNothingScheduled()
    {
        var disabled = Subscribe(DirectChat, Morning) with { Enabled = false, DisabledReason = "bot was blocked", NextDue = Instant.MaxValue };

        await Backend.Subscriptions.SaveAsync(disabled, None);

        Assert.Equal(disabled, await Backend.Subscriptions.FindAsync(DirectChat, None));
        Assert.Empty(await Backend.Subscriptions.FindDueAsync(Morning + Duration.FromDays(400), 0, 10, None));
        Assert.Null(await Backend.Subscriptions.NextDueAfterAsync(Morning - Duration.FromDays(1), None));
    }

    [StoreFact]
    public async Task Delete_RemovesOnlyThatChatAndSaysWhetherThereWasOne()
    {
        await Backend.Subscriptions.SaveAsync(Subscribe(DirectChat, Morning), None);
        await Backend.Subscriptions.SaveAsync(Subscribe(GuildChannel, Morning), None);

        Assert.True(await Backend.Subscriptions.DeleteAsync(DirectChat, None));
        Assert.False(await Backend.Subscriptions.DeleteAsync(DirectChat, None));

        Assert.Null(await Backend.Subscriptions.FindAsync(DirectChat, None));
        Assert.NotNull(await Backend.Subscriptions.FindAsync(GuildChannel, None));
    }

    [StoreFact]
    public async Task FindDue_EnabledAtOrBeforeNow_EarliestFirstWithSkipAndLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await Backend.Subscriptions.SaveAsync(Subscribe(new ChatAddress("telegram", $"c{i}"), Morning + Duration.FromMinutes(4 - i)), None);
        }

        await Backend.Subscriptions.SaveAsync(Subscribe(new ChatAddress("telegram", "later"), Morning + Duration.FromHours(1)), None);

        var now = Morning + Duration.FromMinutes(4);
        var due = await Backend.Subscriptions.FindDueAsync(now, 0, 10, None);
        var page = await Backend.Subscriptions.FindDueAsync(now, 1, 2, None);

        Assert.Equal(["c4", "c3", "c2", "c1", "c0"], due.Select(s => s.Chat.ChatId));
        Assert.Equal(["c3", "c2"], page.Select(s => s.Chat.ChatId));
    }

    [StoreFact]
    public async Task NextDueAfter_TheEarliestStrictlyLater_OrNullWhenNone()
    {
        Assert.Null(await Backend.Subscriptions.NextDueAfterAsync(Morning, None));
        await Backend.Subscriptions.SaveAsync(Subscribe(DirectChat, Morning), None);
        await Backend.Subscriptions.SaveAsync(Subscribe(GuildChannel, Morning + Duration.FromMinutes(30)), None);

        Assert.Equal(Morning, await Backend.Subscriptions.NextDueAfterAsync(Morning - Duration.FromSeconds(1), None));
        Assert.Equal(Morning + Duration.FromMinutes(30), await Backend.Subscriptions.NextDueAfterAsync(Morning, None));
        Assert.Null(await Backend.Subscriptions.NextDueAfterAsync(Morning + Duration.FromMinutes(30), None));
    }

    [StoreFact]
    public async Task Move_ToANewChatId_TheSubscriptionFollowsIt()
    {
        var group = new ChatAddress("telegram", "-100");
        var supergroup = new ChatAddress("telegram", "-1001234");
        await Backend.Subscriptions.SaveAsync(Subscribe(group, Morning), None);

        Assert.True(await Backend.Subscriptions.MoveAsync(group, supergroup, None));

        Assert.Null(await Backend.Subscriptions.FindAsync(group, None));
        Assert.Equal(Subscribe(supergroup, Morning), await Backend.Subscriptions.FindAsync(supergroup, None));
        Assert.False(await Backend.Subscriptions.MoveAsync(group, supergroup, None));
    }

    [StoreFact]
    public async Task Save_InAThread_RoundTripsTheThreadAndResavingCanClearIt()
    {
        var topic = new ChatAddress("telegram", "-1001234") { ThreadId = "17" };
        await Backend.Subscriptions.SaveAsync(Subscribe(topic, Morning), None);

        var found = await Backend.Subscriptions.FindAsync(topic with { ThreadId = null }, None);
        Assert.Equal(Subscribe(topic, Morning), found);
        Assert.Equal("17", found?.Chat.ThreadId);
        Assert.Equal("17", Assert.Single(await Backend.Subscriptions.FindDueAsync(Morning, 0, 10, None)).Chat.ThreadId);

        await Backend.Subscriptions.SaveAsync(Subscribe(topic with { ThreadId = null }, Morning), None);

        Assert.Null((await Backend.Subscriptions.FindAsync(topic, None))?.Chat.ThreadId);
    }

    [StoreFact]
    public async Task FindCreatedBy_OnlyThatCreatorsSubscriptions()
    {
        await Backend.Subscriptions.SaveAsync(Subscribe(DirectChat, Morning), None);
        await Backend.Subscriptions.SaveAsync(Subscribe(GuildChannel, Morning), None);
        await Backend.Subscriptions.SaveAsync(Subscribe(new ChatAddress("discord", "901", "guild-7"), Morning) with { CreatedBy = Bob }, None);

        var found = await Backend.Subscriptions.FindCreatedByAsync(Ann, None);

        Assert.Equal([DirectChat.ChatId, GuildChannel.ChatId], found.Select(s => s.Chat.ChatId).Order(StringComparer.Ordinal));
        Assert.Empty(await Backend.Subscriptions.FindCreatedByAsync(new PersonKey("telegram", "nobody"), None));
    }

    [StoreFact]
    public async Task DeletePerson_DeletesTheirDirectChatsAndKeepsGroupsNamingNobody()
    {
        var othersGroup = new ChatAddress("discord", "901", "guild-7");
        await Backend.Subscriptions.SaveAsync(Subscribe(DirectChat, Morning), None);
        await Backend.Subscriptions.SaveAsync(Subscribe(GuildChannel, Morning), None);
        await Backend.Subscriptions.SaveAsync(Subscribe(othersGroup, Morning) with { CreatedBy = Bob }, None);

        Assert.Equal(2, await Backend.Subscriptions.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.Subscriptions.FindAsync(DirectChat, None));
        Assert.Equal(Subscribe(GuildChannel, Morning) with { CreatedBy = Subscription.NoCreator }, await Backend.Subscriptions.FindAsync(GuildChannel, None));
        Assert.Equal(Bob, (await Backend.Subscriptions.FindAsync(othersGroup, None))?.CreatedBy);
        Assert.Empty(await Backend.Subscriptions.FindCreatedByAsync(Ann, None));
        Assert.Equal(0, await Backend.Subscriptions.DeletePersonAsync(Ann, None));
    }

    [StoreFact]
    public async Task DeletePerson_ADiscordDirectMessageChannel_DeletedThoughItsIdIsNotTheirs()
    {
        // A Discord DM channel's id differs from the user's; the subscription says it was made in their direct chat.
        var dm = new ChatAddress("discord", "1300000000000000099");
        var byBob = Subscribe(dm, Morning) with { CreatedBy = Bob, InDirectChat = true };
        var bobsGroup = Subscribe(GuildChannel, Morning) with { CreatedBy = Bob };
        await Backend.Subscriptions.SaveAsync(byBob, None);
        await Backend.Subscriptions.SaveAsync(bobsGroup, None);

        Assert.True((await Backend.Subscriptions.FindAsync(dm, None))?.InDirectChat);
        Assert.False((await Backend.Subscriptions.FindAsync(GuildChannel, None))?.InDirectChat);
        Assert.Equal(2, await Backend.Subscriptions.DeletePersonAsync(Bob, None));

        Assert.Null(await Backend.Subscriptions.FindAsync(dm, None));
        Assert.Equal(Subscription.NoCreator, (await Backend.Subscriptions.FindAsync(GuildChannel, None))?.CreatedBy);
    }

    [StoreFact]
    public async Task DeletePerson_ADirectChatOnAnotherPlatformOfALinkedPerson_Deleted()
    {
        // Ann's linked Discord account subscribed in its DM: the subscription names Ann's person key, a Telegram one.
        var dm = new ChatAddress("discord", "1300000000000000098");
        await Backend.Subscriptions.SaveAsync(Subscribe(dm, Morning) with { InDirectChat = true }, None);

        Assert.Equal(1, await Backend.Subscriptions.DeletePersonAsync(Ann, None));

        Assert.Null(await Backend.Subscriptions.FindAsync(dm, None));
    }

    protected static Subscription Subscribe(ChatAddress chat, Instant due) => new()
    {
        Chat = chat,
        LocalTime = new LocalTime(7, 0),
        CreatedBy = Ann,
        ChangedAt = Morning - Duration.FromDays(2),
        NextLocalDate = due.InUtc().Date,
        NextDue = due,
    };
}

public abstract class DeliveryLogContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    [StoreFact]
    public async Task Save_PendingThenSent_FindReturnsTheLatestForThatDay()
    {
        await Backend.Deliveries.SaveAsync(new Delivery("telegram:42", Monday, DeliveryStatus.Pending, 1, Morning, "timeout"), None);
        await Backend.Deliveries.SaveAsync(new Delivery("telegram:42", Monday, DeliveryStatus.Sent, 2, Morning + Duration.FromMinutes(1)), None);

        Assert.Equal(new Delivery("telegram:42", Monday, DeliveryStatus.Sent, 2, Morning + Duration.FromMinutes(1)), await Backend.Deliveries.FindAsync("telegram:42", Monday, None));
        Assert.Null(await Backend.Deliveries.FindAsync("telegram:42", Monday.PlusDays(1), None));
        Assert.Null(await Backend.Deliveries.FindAsync("telegram:43", Monday, None));
    }

    [StoreFact]
    public async Task DeleteBefore_RemovesOnlyEarlierDaysAndCountsThem()
    {
        for (var day = -3; day <= 1; day++)
        {
            await Backend.Deliveries.SaveAsync(new Delivery("telegram:42", Monday.PlusDays(day), DeliveryStatus.Failed, 6, Morning, "kicked"), None);
        }

        Assert.Equal(3, await Backend.Deliveries.DeleteBeforeAsync(Monday, None));

        Assert.Null(await Backend.Deliveries.FindAsync("telegram:42", Monday.PlusDays(-1), None));
        Assert.NotNull(await Backend.Deliveries.FindAsync("telegram:42", Monday, None));
        Assert.NotNull(await Backend.Deliveries.FindAsync("telegram:42", Monday.PlusDays(1), None));
    }
}

/// <summary>Claims between two instances on one database (only for stores several processes can share).</summary>
public abstract class PostClaimsContract<TBackend> : StoreContract<TBackend>
    where TBackend : ISharedStoreBackend, new()
{
    private static readonly Duration Lease = Duration.FromMinutes(2);

    [StoreFact]
    public async Task TryClaim_HeldByAnother_RefusedUntilTheLeaseRunsOut()
    {
        var other = await Backend.OpenAnotherInstanceAsync();

        Assert.True(await Backend.Claims.TryClaimAsync("telegram:42", Monday, Morning, Lease, None));
        Assert.False(await other.Claims.TryClaimAsync("telegram:42", Monday, Morning + Duration.FromSeconds(119), Lease, None));
        Assert.True(await other.Claims.TryClaimAsync("telegram:42", Monday.PlusDays(1), Morning, Lease, None));

        Assert.True(await other.Claims.TryClaimAsync("telegram:42", Monday, Morning + Lease, Lease, None));
        Assert.False(await Backend.Claims.TryClaimAsync("telegram:42", Monday, Morning + Lease, Lease, None));
    }

    [StoreFact]
    public async Task TryClaim_OwnClaimAgain_RenewsIt()
    {
        var other = await Backend.OpenAnotherInstanceAsync();
        Assert.True(await Backend.Claims.TryClaimAsync("telegram:42", Monday, Morning, Lease, None));

        Assert.True(await Backend.Claims.TryClaimAsync("telegram:42", Monday, Morning + Duration.FromMinutes(1), Lease, None));

        Assert.False(await other.Claims.TryClaimAsync("telegram:42", Monday, Morning + Duration.FromSeconds(170), Lease, None));
    }

    [StoreFact]
    public async Task Release_ByTheHolder_FreesIt_ByAnother_DoesNothing()
    {
        var other = await Backend.OpenAnotherInstanceAsync();
        Assert.True(await Backend.Claims.TryClaimAsync("telegram:42", Monday, Morning, Lease, None));

        await other.Claims.ReleaseAsync("telegram:42", Monday, None);
        Assert.False(await other.Claims.TryClaimAsync("telegram:42", Monday, Morning, Lease, None));

        await Backend.Claims.ReleaseAsync("telegram:42", Monday, None);
        Assert.True(await other.Claims.TryClaimAsync("telegram:42", Monday, Morning, Lease, None));
    }

    [StoreFact]
    public async Task TryClaim_ManyAtOnceFromTwoInstances_ExactlyOneWins()
    {
        var other = await Backend.OpenAnotherInstanceAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Backend.Claims : other.Claims).TryClaimAsync("telegram:42", Monday, Morning, Lease, None))));

        // The winner's repeats succeed too (its own claim), so count the instances that got it, not the calls.
        var winners = Enumerable.Range(0, 40).Where(i => results[i]).Select(i => i % 2).Distinct();
        Assert.Single(winners);
    }
}

public sealed class SubscriptionStoreOnLiteDb : SubscriptionStoreContract<LiteDbBackend>;

public sealed class SubscriptionStoreInMemory : SubscriptionStoreContract<InMemoryBackend>;

public sealed class SubscriptionStoreOnPostgres : SubscriptionStoreContract<PostgresBackend>;

public sealed class DeliveryLogOnLiteDb : DeliveryLogContract<LiteDbBackend>;

public sealed class DeliveryLogInMemory : DeliveryLogContract<InMemoryBackend>;

public sealed class DeliveryLogOnPostgres : DeliveryLogContract<PostgresBackend>;

public sealed class PostClaimsInMemory : PostClaimsContract<InMemoryBackend>;

public sealed class PostClaimsOnPostgres : PostClaimsContract<PostgresBackend>;

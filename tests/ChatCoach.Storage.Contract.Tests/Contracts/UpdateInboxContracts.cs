using ChatCoach.Core.Storage;
using ChatCoach.Storage.Contract.Tests.Backends;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

/// <summary>The webhook inbox: each pushed update handled once, across retries, restarts and instances.</summary>
public abstract class UpdateInboxContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    private const string Bot = "telegram:123";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Lease = Now.AddMinutes(2);

    [StoreFact]
    public async Task Claim_New_IsClaimed_ThenHeldUntilDone_ThenDoneForEver()
    {
        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 7, Now, Lease, None));
        Assert.Equal(UpdateClaim.Held, await Backend.Inbox.TryClaimAsync(Bot, 7, Now.AddSeconds(1), Lease, None));

        await Backend.Inbox.CompleteAsync(Bot, 7, Now.AddSeconds(2), None);

        Assert.Equal(UpdateClaim.Done, await Backend.Inbox.TryClaimAsync(Bot, 7, Now.AddSeconds(3), Lease, None));
        Assert.Equal(UpdateClaim.Done, await Backend.Inbox.TryClaimAsync(Bot, 7, Now.AddHours(1), Now.AddHours(2), None));
    }

    [StoreFact]
    public async Task Claim_OtherIdOrOtherBot_IsItsOwn()
    {
        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 7, Now, Lease, None));

        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 8, Now, Lease, None));
        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync("telegram:999", 7, Now, Lease, None));
    }

    [StoreFact]
    public async Task Claim_LeaseRanOut_IsClaimedAgain_AndReleasedIsClaimedAtOnce()
    {
        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 7, Now, Lease, None));

        // Its instance died: the next delivery after the lease takes it over (and holds it under a new lease).
        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 7, Lease, Lease.AddMinutes(2), None));
        Assert.Equal(UpdateClaim.Held, await Backend.Inbox.TryClaimAsync(Bot, 7, Lease.AddMinutes(1), Lease.AddMinutes(3), None));

        // Given up at a stop: claimed at once, well within the lease.
        await Backend.Inbox.ReleaseAsync(Bot, 7, None);
        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 7, Lease.AddMinutes(1), Lease.AddMinutes(3), None));

        // A release never undoes a finished update.
        await Backend.Inbox.CompleteAsync(Bot, 7, Lease.AddMinutes(1), None);
        await Backend.Inbox.ReleaseAsync(Bot, 7, None);
        Assert.Equal(UpdateClaim.Done, await Backend.Inbox.TryClaimAsync(Bot, 7, Lease.AddMinutes(1), Lease.AddMinutes(3), None));
    }

    [StoreFact]
    public async Task Claim_ManyAtOnce_ExactlyOneClaims()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Backend.Inbox.TryClaimAsync(Bot, 7, Now, Lease, None))));

        Assert.Single(claims, c => c == UpdateClaim.Claimed);
        Assert.All(claims.Where(c => c != UpdateClaim.Claimed), c => Assert.Equal(UpdateClaim.Held, c));
    }

    [StoreFact]
    public async Task Prune_ForgetsOnlyThisBotsUpdatesDoneBeforeTheCutoff()
    {
        await Backend.Inbox.TryClaimAsync(Bot, 1, Now, Lease, None);
        await Backend.Inbox.CompleteAsync(Bot, 1, Now, None);
        await Backend.Inbox.TryClaimAsync(Bot, 2, Now, Lease, None);
        await Backend.Inbox.CompleteAsync(Bot, 2, Now.AddDays(2), None);
        await Backend.Inbox.TryClaimAsync(Bot, 3, Now, Lease, None);
        await Backend.Inbox.TryClaimAsync("telegram:999", 1, Now, Lease, None);
        await Backend.Inbox.CompleteAsync("telegram:999", 1, Now, None);

        Assert.Equal(1, await Backend.Inbox.PruneAsync(Bot, Now.AddDays(1), None));

        Assert.Equal(UpdateClaim.Claimed, await Backend.Inbox.TryClaimAsync(Bot, 1, Now.AddDays(1), Now.AddDays(2), None));
        Assert.Equal(UpdateClaim.Done, await Backend.Inbox.TryClaimAsync(Bot, 2, Now.AddDays(1), Now.AddDays(2), None));
        Assert.Equal(UpdateClaim.Held, await Backend.Inbox.TryClaimAsync(Bot, 3, Now.AddMinutes(1), Now.AddDays(2), None));
        Assert.Equal(UpdateClaim.Done, await Backend.Inbox.TryClaimAsync("telegram:999", 1, Now.AddDays(1), Now.AddDays(2), None));
    }
}

public sealed class UpdateInboxOnLiteDb : UpdateInboxContract<LiteDbBackend>;

public sealed class UpdateInboxInMemory : UpdateInboxContract<InMemoryBackend>;

public sealed class UpdateInboxOnPostgres : UpdateInboxContract<PostgresBackend>;

using ChatCoach.Storage.Contract.Tests.Backends;
using ChatCoach.Storage.Contract.Tests.Contracts;
using ChatCoach.Storage.Postgres;
using Npgsql;

namespace ChatCoach.Storage.Contract.Tests;

/// <summary>Electing one instance through an advisory lock: two instances, the holder dies, the standby takes over.</summary>
public sealed class PostgresAdvisoryLockTests : StoreContract<PostgresBackend>
{
    // A key of this test's own, so parallel tests on the same server never contend for it.
    private readonly long _key = Random.Shared.NextInt64();

    [StoreFact]
    public async Task TryAcquire_TwoInstances_OnlyOneHoldsItUntilItReleases()
    {
        var standbyInstance = await Backend.OpenAnotherInstanceAsync();
        await using var leader = new PostgresAdvisoryLock(Backend.Database, _key);
        await using var standby = new PostgresAdvisoryLock(((PostgresBackend)standbyInstance).Database, _key);

        Assert.True(await leader.TryAcquireAsync(None));
        Assert.False(await standby.TryAcquireAsync(None));
        Assert.True(await leader.TryAcquireAsync(None));

        await leader.ReleaseAsync();

        Assert.True(await standby.TryAcquireAsync(None));
        Assert.False(await leader.TryAcquireAsync(None));
    }

    [StoreFact]
    public async Task HolderSessionDies_StandbyTakesOverAndTheOldHolderKnowsItLostIt()
    {
        var standbyInstance = await Backend.OpenAnotherInstanceAsync();
        await using var leader = new PostgresAdvisoryLock(Backend.Database, _key);
        await using var standby = new PostgresAdvisoryLock(((PostgresBackend)standbyInstance).Database, _key);
        Assert.True(await leader.TryAcquireAsync(None));
        Assert.False(await standby.TryAcquireAsync(None));

        // The leader's process dies: the server ends its session, as it does when the client's socket goes away.
        await using (var admin = new NpgsqlConnection(Backend.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ($1::bigint & 4294967295)::oid AND classid = ($1::bigint >> 32)::oid", admin);
            kill.Parameters.Add(new NpgsqlParameter { Value = _key });
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        // The server may take a moment to finish the ended session; the standby retries as its loop would.
        var tookOver = false;
        for (var attempt = 0; attempt < 100 && !tookOver; attempt++)
        {
            tookOver = await standby.TryAcquireAsync(None);
            if (!tookOver)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(tookOver);
        Assert.False(await leader.StillHeldAsync(None));
        Assert.False(leader.IsHeld);
    }
}

using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// Post claims with a lease, one row per (subscription, local date): a claim is taken by one upsert that only
/// overwrites an expired claim or this instance's own, so two instances can never both hold it. Leases are measured
/// on the instances' clocks (the scheduler's <see cref="TimeProvider"/>), which must agree to well within a lease.
/// </summary>
/// <remarks>
/// A claim is deleted when it is released; only an instance that died (or lost the database) between claiming and
/// releasing leaves one behind. Those dead rows are pruned at claim time: the first claim of each new local date on
/// this instance first deletes the expired claims of days that are over in every time zone, a bounded batch per
/// statement. The delivery log, not the claim, is what records a post, so deleting an expired claim changes nothing
/// (an expired claim may be taken over by anyone anyway).
/// </remarks>
public sealed class PostgresPostClaims(PostgresDatabase database) : IPostClaims
{
    /// <summary>Rows deleted per statement, so pruning a large backlog never holds many row locks at once.</summary>
    public const int PruneBatchSize = 500;

    /// <summary>Local dates differ across zones (UTC−12 to UTC+14) by at most a day: two days back is over everywhere.</summary>
    private const int DaysOverEverywhere = 2;

    // The local date (as a day number) this instance last pruned for; int.MinValue until the first claim.
    private int _prunedFor = int.MinValue;

    public async Task<bool> TryClaimAsync(string subscriptionId, LocalDate localDate, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        var day = localDate.ToSql().DayNumber;
        var last = Volatile.Read(ref _prunedFor);
        if (day > last && Interlocked.CompareExchange(ref _prunedFor, day, last) == last)
        {
            try
            {
                await PruneAsync(localDate.PlusDays(-DaysOverEverywhere), now, cancellationToken);
            }
            catch
            {
                // Not pruned after all: the next claim tries again.
                Interlocked.CompareExchange(ref _prunedFor, last, day);
                throw;
            }
        }

        return await database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    """
                    INSERT INTO post_claims (subscription_id, local_date, owner, expires_at) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (subscription_id, local_date) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                        WHERE post_claims.expires_at <= $5 OR post_claims.owner = excluded.owner
                    """,
                    subscriptionId,
                    localDate.ToSql(),
                    database.InstanceId,
                    (now + lease).ToSql(),
                    now.ToSql());
                return await command.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);
    }

    public Task ReleaseAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "DELETE FROM post_claims WHERE subscription_id = $1 AND local_date = $2 AND owner = $3", subscriptionId, localDate.ToSql(), database.InstanceId);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

    /// <summary>
    /// Deletes the claims for local dates before <paramref name="before"/> whose lease had run out at
    /// <paramref name="now"/>, <see cref="PruneBatchSize"/> rows per statement; returns how many it deleted.
    /// A claim still within its lease is kept, whatever its date.
    /// </summary>
    public async Task<int> PruneAsync(LocalDate before, Instant now, CancellationToken cancellationToken)
    {
        var removed = 0;
        while (true)
        {
            // The outer condition is checked again on the locked row, so a claim renewed meanwhile is never deleted.
            var batch = await database.ExecuteAsync(
                """
                DELETE FROM post_claims WHERE (subscription_id, local_date) IN (
                    SELECT subscription_id, local_date FROM post_claims WHERE local_date < $1 AND expires_at <= $2 LIMIT $3)
                  AND local_date < $1 AND expires_at <= $2
                """,
                cancellationToken,
                before.ToSql(),
                now.ToSql(),
                (long)PruneBatchSize);
            removed += batch;
            if (batch < PruneBatchSize)
            {
                return removed;
            }
        }
    }
}

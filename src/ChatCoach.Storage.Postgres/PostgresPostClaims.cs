using ChatCoach.Core.Scheduling;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// Post claims with a lease, one row per (subscription, local date): a claim is taken by one upsert that only
/// overwrites an expired claim or this instance's own, so two instances can never both hold it. Leases are measured
/// on the instances' clocks (the scheduler's <see cref="TimeProvider"/>), which must agree to well within a lease.
/// </summary>
public sealed class PostgresPostClaims(PostgresDatabase database) : IPostClaims
{
    public Task<bool> TryClaimAsync(string subscriptionId, LocalDate localDate, Instant now, Duration lease, CancellationToken cancellationToken) =>
        database.RunAsync(
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

    public Task ReleaseAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "DELETE FROM post_claims WHERE subscription_id = $1 AND local_date = $2 AND owner = $3", subscriptionId, localDate.ToSql(), database.InstanceId);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
}

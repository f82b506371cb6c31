using ChatCoach.Core.Storage;

namespace ChatCoach.Storage.Postgres;

public sealed class PostgresUpdateInbox(PostgresDatabase database) : IUpdateInbox
{
    public Task<UpdateClaim> TryClaimAsync(string source, long updateId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                // One statement: a new row, or an unfinished one whose lease ran out, is this instance's; the row
                // lock of ON CONFLICT makes two instances' claims of one update take turns.
                await using var claim = connection.Command(
                    """
                    INSERT INTO update_inbox (source, update_id, lease_until) VALUES ($1, $2, $4)
                    ON CONFLICT (source, update_id) DO UPDATE SET lease_until = excluded.lease_until
                        WHERE update_inbox.completed_at IS NULL AND update_inbox.lease_until <= $3
                    RETURNING 1
                    """,
                    source,
                    updateId,
                    now.UtcDateTime,
                    leaseUntil.UtcDateTime);
                if (await claim.ExecuteScalarAsync(token) is not null)
                {
                    return UpdateClaim.Claimed;
                }

                await using var state = connection.Command("SELECT completed_at IS NOT NULL FROM update_inbox WHERE source = $1 AND update_id = $2", source, updateId);
                return await state.ExecuteScalarAsync(token) is true ? UpdateClaim.Done : UpdateClaim.Held;
            },
            cancellationToken);

    public Task CompleteAsync(string source, long updateId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            """
            INSERT INTO update_inbox (source, update_id, lease_until, completed_at) VALUES ($1, $2, $3, $3)
            ON CONFLICT (source, update_id) DO UPDATE SET completed_at = COALESCE(update_inbox.completed_at, excluded.completed_at)
            """,
            cancellationToken,
            source,
            updateId,
            now.UtcDateTime);

    public Task ReleaseAsync(string source, long updateId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE update_inbox SET lease_until = '-infinity' WHERE source = $1 AND update_id = $2 AND completed_at IS NULL",
            cancellationToken,
            source,
            updateId);

    public Task<int> PruneAsync(string source, DateTimeOffset before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM update_inbox WHERE source = $1 AND completed_at < $2", cancellationToken, source, before.UtcDateTime);
}

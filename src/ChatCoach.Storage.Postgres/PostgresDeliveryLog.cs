using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>The delivery log, one row per (subscription, local date) by the primary key.</summary>
public sealed class PostgresDeliveryLog(PostgresDatabase database) : IDeliveryLog
{
    public Task<Delivery?> FindAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT status, attempts, updated_at, reason FROM deliveries WHERE subscription_id = $1 AND local_date = $2", subscriptionId, localDate.ToSql());
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? new Delivery(subscriptionId, localDate, Enum.Parse<DeliveryStatus>(reader.GetString(0)), reader.GetInt32(1), reader.GetInstant(2), reader.GetNullableString(3))
                    : null;
            },
            cancellationToken);

    public Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    """
                    INSERT INTO deliveries (subscription_id, local_date, status, attempts, updated_at, reason) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (subscription_id, local_date) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
                        updated_at = excluded.updated_at, reason = excluded.reason
                    """,
                    delivery.SubscriptionId,
                    delivery.LocalDate.ToSql(),
                    delivery.Status.ToString(),
                    delivery.Attempts,
                    delivery.UpdatedAt.ToSql(),
                    delivery.Reason);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<int> DeleteBeforeAsync(LocalDate cutoff, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command("DELETE FROM deliveries WHERE local_date < $1", cutoff.ToSql());
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
}

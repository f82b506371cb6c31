using ChatCoach.Core.Storage;

namespace ChatCoach.Storage.Postgres;

public sealed class PostgresAdapterStateStore(PostgresDatabase database) : IAdapterStateStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command("SELECT value FROM adapter_state WHERE key = $1", key);
                return (string?)await command.ExecuteScalarAsync(token);
            },
            cancellationToken);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "INSERT INTO adapter_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    key,
                    value);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
}

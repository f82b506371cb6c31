using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;

namespace ChatCoach.Storage.Postgres;

/// <summary>People keyed by (platform, user_id); saving keeps the <c>settings</c> other features wrote.</summary>
public sealed class PostgresPersonStore(PostgresDatabase database) : IPersonStore
{
    public Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT display_name, time_zone_id FROM people WHERE platform = $1 AND user_id = $2", key.Platform, key.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? new PersonProfile(key, reader.GetString(0), reader.GetNullableString(1)) : null;
            },
            cancellationToken);
    }

    public Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    """
                    INSERT INTO people (platform, user_id, display_name, time_zone_id) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, time_zone_id = excluded.time_zone_id
                    """,
                    profile.Key.Platform,
                    profile.Key.UserId,
                    profile.DisplayName,
                    profile.TimeZoneId);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM people WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

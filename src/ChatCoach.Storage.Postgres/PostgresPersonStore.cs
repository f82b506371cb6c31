using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using Npgsql;

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
                await using var command = SaveCommand(connection, profile);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    /// <summary>The database this store reads and writes (the Done transaction writes its rows there too).</summary>
    internal PostgresDatabase Database => database;

    /// <summary>Name and zone saved, settings kept; run alone or inside the Done transaction.</summary>
    internal static NpgsqlCommand SaveCommand(NpgsqlConnection connection, PersonProfile profile) =>
        connection.Command(
            """
            INSERT INTO people (platform, user_id, display_name, time_zone_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, time_zone_id = excluded.time_zone_id
            """,
            profile.Key.Platform,
            profile.Key.UserId,
            profile.DisplayName,
            profile.TimeZoneId);

    public Task<string?> FindLanguageAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT settings ->> 'language' FROM people WHERE platform = $1 AND user_id = $2", person.Platform, person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? reader.GetNullableString(0) : null;
            },
            cancellationToken);
    }

    public Task SaveLanguageAsync(PersonKey person, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);

        // The language is one key of the free-form settings (no schema change); other keys stay as they are.
        return database.ExecuteAsync(
            """
            INSERT INTO people (platform, user_id, display_name, settings)
            VALUES ($1, $2, '', CASE WHEN $3::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('language', $3::text) END)
            ON CONFLICT (platform, user_id) DO UPDATE SET settings = CASE
                WHEN $3::text IS NULL THEN people.settings - 'language'
                ELSE people.settings || jsonb_build_object('language', $3::text) END
            """,
            cancellationToken,
            person.Platform,
            person.UserId,
            language);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM people WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using Npgsql;

namespace ChatCoach.Storage.Postgres;

/// <summary>Who completed a routine in which chat and server; scopes are the LiteDB store's (<c>platform|chat|id</c>, <c>platform|server|id</c>).</summary>
public sealed class PostgresStreakActivityStore(PostgresDatabase database) : IStreakActivityStore
{
    public Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken) =>
        Record(chat, person, null, cancellationToken);

    public Task RecordAsync(ChatAddress chat, PersonKey person, string displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return Record(chat, person, displayName, cancellationToken);
    }

    private Task Record(ChatAddress chat, PersonKey person, string? displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = RecordCommand(connection, chat, person, displayName);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    /// <summary>The database this store reads and writes (the Done transaction writes its rows there too).</summary>
    internal PostgresDatabase Database => database;

    /// <summary>The chat's (and server's) activity rows; run alone or inside the Done transaction.</summary>
    internal static NpgsqlCommand RecordCommand(NpgsqlConnection connection, ChatAddress chat, PersonKey person, string? displayName)
    {
        string[] scopes = ServerScope(chat) is { } server ? [ChatScope(chat), server] : [ChatScope(chat)];

        // A known scope under the same name writes nothing; a new name replaces the old one.
        return connection.Command(
            """
            INSERT INTO streak_activity (scope, platform, user_id, display_name) SELECT s, $2, $3, $4::text FROM unnest($1::text[]) AS s
            ON CONFLICT (scope, platform, user_id) DO UPDATE SET display_name = excluded.display_name
                WHERE excluded.display_name IS NOT NULL AND streak_activity.display_name IS DISTINCT FROM excluded.display_name
            """,
            scopes,
            person.Platform,
            person.UserId,
            displayName);
    }

    public Task<IReadOnlyList<ScopeMember>> GetMembersAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var scope = ServerScope(chat) ?? ChatScope(chat);
        return database.RunAsync<IReadOnlyList<ScopeMember>>(
            async (connection, token) =>
            {
                await using var command = connection.Command("SELECT platform, user_id, display_name FROM streak_activity WHERE scope = $1", scope);
                await using var reader = await command.ExecuteReaderAsync(token);
                var members = new List<ScopeMember>();
                while (await reader.ReadAsync(token))
                {
                    members.Add(new ScopeMember(new PersonKey(reader.GetString(0), reader.GetString(1)), reader.GetNullableString(2)));
                }

                return members;
            },
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> GetScopeNamesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<IReadOnlyDictionary<string, string>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT scope, display_name FROM streak_activity WHERE platform = $1 AND user_id = $2 AND display_name IS NOT NULL", person.Platform, person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                var names = new Dictionary<string, string>(StringComparer.Ordinal);
                while (await reader.ReadAsync(token))
                {
                    names[reader.GetString(0)] = reader.GetString(1);
                }

                return names;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<PersonKey>> GetPeopleAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var scope = ServerScope(chat) ?? ChatScope(chat);
        return database.RunAsync<IReadOnlyList<PersonKey>>(
            async (connection, token) =>
            {
                await using var command = connection.Command("SELECT platform, user_id FROM streak_activity WHERE scope = $1", scope);
                return await command.ReadAllAsync(reader => new PersonKey(reader.GetString(0), reader.GetString(1)), token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetScopesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<IReadOnlyList<string>>(
            async (connection, token) =>
            {
                // Ordinal order, as the LiteDB store sorts them.
                await using var command = connection.Command(
                    "SELECT scope FROM streak_activity WHERE platform = $1 AND user_id = $2 ORDER BY scope COLLATE \"C\"", person.Platform, person.UserId);
                return await command.ReadAllAsync(reader => reader.GetString(0), token);
            },
            cancellationToken);
    }

    public Task<int> CopyPersonAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);

                // The target's own name in a scope stays; the source's fills in where the target has none.
                await using (var names = connection.Command(
                    """
                    UPDATE streak_activity t SET display_name = s.display_name FROM streak_activity s
                    WHERE s.platform = $1 AND s.user_id = $2 AND s.display_name IS NOT NULL
                        AND t.scope = s.scope AND t.platform = $3 AND t.user_id = $4 AND t.display_name IS NULL
                    """,
                    source.Platform,
                    source.UserId,
                    target.Platform,
                    target.UserId))
                {
                    await names.ExecuteNonQueryAsync(token);
                }

                await using var insert = connection.Command(
                    """
                    INSERT INTO streak_activity (scope, platform, user_id, display_name) SELECT scope, $3, $4, display_name FROM streak_activity
                    WHERE platform = $1 AND user_id = $2 ON CONFLICT DO NOTHING
                    """,
                    source.Platform,
                    source.UserId,
                    target.Platform,
                    target.UserId);
                var added = await insert.ExecuteNonQueryAsync(token);
                await transaction.CommitAsync(token);
                return added;
            },
            cancellationToken);
    }

    private static string ChatScope(ChatAddress chat) => $"{chat.Platform}|chat|{chat.ChatId}";

    private static string? ServerScope(ChatAddress chat) => chat.ServerId is null ? null : $"{chat.Platform}|server|{chat.ServerId}";

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM streak_activity WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

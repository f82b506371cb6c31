using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;

namespace ChatCoach.Storage.Postgres;

/// <summary>Who completed a routine in which chat and server; scopes are the LiteDB store's (<c>platform|chat|id</c>, <c>platform|server|id</c>).</summary>
public sealed class PostgresStreakActivityStore(PostgresDatabase database) : IStreakActivityStore
{
    public Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(person);
        string[] scopes = ServerScope(chat) is { } server ? [ChatScope(chat), server] : [ChatScope(chat)];
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "INSERT INTO streak_activity (scope, platform, user_id) SELECT s, $2, $3 FROM unnest($1::text[]) AS s ON CONFLICT DO NOTHING",
                    scopes,
                    person.Platform,
                    person.UserId);
                await command.ExecuteNonQueryAsync(token);
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
        return database.ExecuteAsync(
            "INSERT INTO streak_activity (scope, platform, user_id) SELECT scope, $3, $4 FROM streak_activity WHERE platform = $1 AND user_id = $2 ON CONFLICT DO NOTHING",
            cancellationToken,
            source.Platform,
            source.UserId,
            target.Platform,
            target.UserId);
    }

    private static string ChatScope(ChatAddress chat) => $"{chat.Platform}|chat|{chat.ChatId}";

    private static string? ServerScope(ChatAddress chat) => chat.ServerId is null ? null : $"{chat.Platform}|server|{chat.ServerId}";

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM streak_activity WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Storage.Postgres;

/// <summary>One row per person (the primary key): the progression level and the date it last changed.</summary>
public sealed class PostgresProgressionStore(PostgresDatabase database) : IProgressionStore
{
    public Task<ProgressionState?> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT level, changed_on FROM progression WHERE platform = $1 AND user_id = $2", person.Platform, person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? new ProgressionState(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetLocalDate(1))
                    : null;
            },
            cancellationToken);
    }

    public Task SaveAsync(PersonKey person, ProgressionState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(state);
        return database.ExecuteAsync(
            """
            INSERT INTO progression (platform, user_id, level, changed_on) VALUES ($1, $2, $3, $4)
            ON CONFLICT (platform, user_id) DO UPDATE SET level = excluded.level, changed_on = excluded.changed_on
            """,
            cancellationToken,
            person.Platform,
            person.UserId,
            state.Level,
            state.ChangedOn?.ToSql());
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM progression WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;

namespace ChatCoach.Storage.Postgres;

/// <summary>One row per person with every pause as parallel arrays of first and last dates.</summary>
public sealed class PostgresPauseStore(PostgresDatabase database) : IPauseStore
{
    public Task<PauseHistory> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT first_dates, last_dates, welcomed_back FROM pauses WHERE platform = $1 AND user_id = $2", person.Platform, person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                if (!await reader.ReadAsync(token))
                {
                    return PauseHistory.Empty;
                }

                var firsts = reader.GetFieldValue<DateOnly[]>(0);
                var lasts = reader.GetFieldValue<DateOnly[]>(1);
                return new PauseHistory(
                    [.. firsts.Zip(lasts, (f, l) => new PauseSpan(f.ToLocalDate(), l.ToLocalDate())).OrderBy(p => p.First)],
                    reader.GetBoolean(2));
            },
            cancellationToken);
    }

    public Task SaveAsync(PersonKey person, PauseHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(history);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    """
                    INSERT INTO pauses (platform, user_id, first_dates, last_dates, welcomed_back) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (platform, user_id) DO UPDATE SET first_dates = excluded.first_dates, last_dates = excluded.last_dates,
                        welcomed_back = excluded.welcomed_back
                    """,
                    person.Platform,
                    person.UserId,
                    history.Pauses.Select(p => p.First.ToSql()).ToArray(),
                    history.Pauses.Select(p => p.Last.ToSql()).ToArray(),
                    history.WelcomedBack);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM pauses WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

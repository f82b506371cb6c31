using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using Npgsql;

namespace ChatCoach.Storage.Postgres;

/// <summary>The per-person streak cache; the leaderboard reads many at once with one <c>= ANY</c> query.</summary>
public sealed class PostgresStreakSummaryStore(PostgresDatabase database) : IStreakSummaryStore
{
    private const string Columns = "platform, user_id, display_name, time_zone_id, last_date, run, longest, total, freezes, frozen_dates";

    public Task<StreakSummary?> FindAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command($"SELECT {Columns} FROM streak_summaries WHERE platform = $1 AND user_id = $2", person.Platform, person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? Read(reader) : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StreakSummary>> FindManyAsync(IReadOnlyCollection<PersonKey> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StreakSummary>>([]);
        }

        return database.RunAsync<IReadOnlyList<StreakSummary>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    $"SELECT {Columns} FROM streak_summaries s JOIN unnest($1::text[], $2::text[]) AS p(platform, user_id) USING (platform, user_id)",
                    people.Select(p => p.Platform).ToArray(),
                    people.Select(p => p.UserId).ToArray());
                return await command.ReadAllAsync(Read, token);
            },
            cancellationToken);
    }

    public Task SaveAsync(StreakSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = SaveCommand(connection, summary);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    /// <summary>The upsert, shared with the completion store's transaction.</summary>
    internal static NpgsqlCommand SaveCommand(NpgsqlConnection connection, StreakSummary summary)
    {
        var state = summary.State;
        return connection.Command(
            $"""
            INSERT INTO streak_summaries ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, time_zone_id = excluded.time_zone_id,
                last_date = excluded.last_date, run = excluded.run, longest = excluded.longest, total = excluded.total,
                freezes = excluded.freezes, frozen_dates = excluded.frozen_dates
            """,
            summary.Person.Platform,
            summary.Person.UserId,
            summary.DisplayName,
            summary.TimeZoneId,
            state.LastDate?.ToSql(),
            state.Run,
            state.Longest,
            state.Total,
            state.Freezes,
            state.FrozenDates.Select(d => d.ToSql()).ToArray());
    }

    private static StreakSummary Read(NpgsqlDataReader reader) => new(
        new PersonKey(reader.GetString(0), reader.GetString(1)),
        reader.GetString(2),
        reader.GetNullableString(3),
        new StreakState(
            reader.IsDBNull(4) ? null : reader.GetLocalDate(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            reader.GetInt32(7),
            reader.GetInt32(8),
            [.. reader.GetFieldValue<DateOnly[]>(9).Select(d => d.ToLocalDate())]));

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM streak_summaries WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }
}

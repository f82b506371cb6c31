using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// Completions, unique per (platform, user_id, local_date) by the primary key. A Done is one transaction: the insert
/// (ON CONFLICT DO NOTHING, so a second press the same day stores nothing) and, only when it inserted, the summary.
/// </summary>
public sealed class PostgresCompletionStore(PostgresDatabase database) : ICompletionStore, IDonePressStore
{
    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, CancellationToken cancellationToken) =>
        TryAddAsync(completion, summary, null, cancellationToken);

    public bool Covers(IPersonStore people, IStreakActivityStore activity) =>
        people is PostgresPersonStore p && ReferenceEquals(p.Database, database)
        && activity is PostgresStreakActivityStore a && ReferenceEquals(a.Database, database);

    /// <remarks>One transaction, one WAL flush: the press's profile and activity rows, then the insert and its summary.</remarks>
    public Task<bool> TryAddAsync(Completion completion, StreakSummary summary, DonePressWrites? writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(summary);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                if (writes?.Profile is { } profile)
                {
                    await using var save = PostgresPersonStore.SaveCommand(connection, profile);
                    await save.ExecuteNonQueryAsync(token);
                }

                if (writes is not null)
                {
                    await using var record = PostgresStreakActivityStore.RecordCommand(connection, writes.Chat, completion.Person, writes.DisplayName);
                    await record.ExecuteNonQueryAsync(token);
                }

                await using (var insert = connection.Command(
                    """
                    INSERT INTO completions (platform, user_id, local_date, chat_platform, chat_id, server_id, completed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
                    """,
                    completion.Person.Platform,
                    completion.Person.UserId,
                    completion.Date.ToSql(),
                    completion.Chat.Platform,
                    completion.Chat.ChatId,
                    completion.Chat.ServerId,
                    completion.CompletedAt.ToSql()))
                {
                    if (await insert.ExecuteNonQueryAsync(token) == 0)
                    {
                        // Counted already: the profile and activity rows of this press still stand.
                        if (writes is null)
                        {
                            await transaction.RollbackAsync(token);
                        }
                        else
                        {
                            await transaction.CommitAsync(token);
                        }

                        return false;
                    }
                }

                await using (var save = PostgresStreakSummaryStore.SaveCommand(connection, summary))
                {
                    await save.ExecuteNonQueryAsync(token);
                }

                await transaction.CommitAsync(token);
                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<LocalDate>> GetDatesAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return ReadDatesAsync(
            "SELECT local_date FROM completions WHERE platform = $1 AND user_id = $2 AND local_date BETWEEN $3 AND $4 ORDER BY local_date",
            [person.Platform, person.UserId, first.ToSql(), last.ToSql()],
            cancellationToken);
    }

    public Task<IReadOnlyList<LocalDate>> GetAllDatesAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return ReadDatesAsync(
            "SELECT local_date FROM completions WHERE platform = $1 AND user_id = $2 ORDER BY local_date",
            [person.Platform, person.UserId],
            cancellationToken);
    }

    public Task<IReadOnlyList<Completion>> GetAllAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<IReadOnlyList<Completion>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT local_date, chat_platform, chat_id, server_id, completed_at FROM completions WHERE platform = $1 AND user_id = $2 ORDER BY local_date",
                    person.Platform,
                    person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                var found = new List<Completion>();
                while (await reader.ReadAsync(token))
                {
                    var chat = new ChatAddress(reader.GetString(1), reader.GetString(2), reader.GetNullableString(3));
                    found.Add(new Completion(person, reader.GetLocalDate(0), chat, reader.GetInstant(4)));
                }

                return found;
            },
            cancellationToken);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM completions WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }

    private Task<IReadOnlyList<LocalDate>> ReadDatesAsync(string sql, object?[] arguments, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<LocalDate>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(sql, arguments);
                return await command.ReadAllAsync(reader => reader.GetLocalDate(0), token);
            },
            cancellationToken);
}

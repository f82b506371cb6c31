using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using Npgsql;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// One reminder per person (the primary key). <c>next_due</c> is null when nothing is scheduled (disabled, or
/// <see cref="Instant.MaxValue"/>), so the due scan is a range over a partial index, as for subscriptions.
/// </summary>
public sealed class PostgresReminderStore(PostgresDatabase database) : IReminderStore
{
    private const string Columns =
        "platform, user_id, chat_platform, chat_id, server_id, local_minutes, next_local_date, next_due, attempts, sending_date, last_sent_date, enabled, disabled_reason, language";

    public Task<Reminder?> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command($"SELECT {Columns} FROM reminders WHERE platform = $1 AND user_id = $2", person.Platform, person.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? Read(reader) : null;
            },
            cancellationToken);
    }

    public Task SaveAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var r = reminder;
        return database.ExecuteAsync(
            $"""
            INSERT INTO reminders ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (platform, user_id) DO UPDATE SET chat_platform = excluded.chat_platform, chat_id = excluded.chat_id,
                server_id = excluded.server_id, local_minutes = excluded.local_minutes, next_local_date = excluded.next_local_date,
                next_due = excluded.next_due, attempts = excluded.attempts, sending_date = excluded.sending_date,
                last_sent_date = excluded.last_sent_date, enabled = excluded.enabled, disabled_reason = excluded.disabled_reason,
                language = excluded.language
            """,
            cancellationToken,
            r.Person.Platform,
            r.Person.UserId,
            r.Chat.Platform,
            r.Chat.ChatId,
            r.Chat.ServerId,
            (r.LocalTime.Hour * 60) + r.LocalTime.Minute,
            r.NextLocalDate.ToSql(),
            r.Enabled && r.NextDue != Instant.MaxValue ? r.NextDue.ToSql() : null,
            r.Attempts,
            r.SendingDate?.ToSql(),
            r.LastSentDate?.ToSql(),
            r.Enabled,
            r.DisabledReason,
            r.Language);
    }

    public Task<IReadOnlyList<Reminder>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<Reminder>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    $"SELECT {Columns} FROM reminders WHERE next_due <= $1 AND enabled ORDER BY next_due, platform, user_id OFFSET $2 LIMIT $3",
                    now.ToSql(),
                    (long)skip,
                    (long)limit);
                return await command.ReadAllAsync(Read, token);
            },
            cancellationToken);

    public Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken) =>
        database.RunAsync<Instant?>(
            async (connection, token) =>
            {
                await using var command = connection.Command("SELECT min(next_due) FROM reminders WHERE next_due > $1", now.ToSql());
                return await command.ExecuteScalarAsync(token) is DateTime next ? next.ToInstant() : null;
            },
            cancellationToken);

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync("DELETE FROM reminders WHERE platform = $1 AND user_id = $2", cancellationToken, person.Platform, person.UserId);
    }

    private static Reminder Read(NpgsqlDataReader reader)
    {
        var minutes = reader.GetInt32(5);
        return new Reminder(
            new PersonKey(reader.GetString(0), reader.GetString(1)),
            new ChatAddress(reader.GetString(2), reader.GetString(3), reader.GetNullableString(4)),
            new LocalTime(minutes / 60, minutes % 60),
            reader.GetLocalDate(6),
            reader.IsDBNull(7) ? Instant.MaxValue : reader.GetInstant(7))
        {
            Attempts = reader.GetInt32(8),
            SendingDate = reader.IsDBNull(9) ? null : reader.GetLocalDate(9),
            LastSentDate = reader.IsDBNull(10) ? null : reader.GetLocalDate(10),
            Enabled = reader.GetBoolean(11),
            DisabledReason = reader.GetNullableString(12),
            Language = reader.GetNullableString(13),
        };
    }
}

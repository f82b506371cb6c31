using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using Npgsql;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// Subscriptions keyed by "platform:chat". <c>next_due</c> is null when nothing is scheduled (disabled, or
/// <see cref="Instant.MaxValue"/>), so the due scan is a range over a partial index that holds only scheduled rows.
/// </summary>
public sealed class PostgresSubscriptionStore(PostgresDatabase database) : ISubscriptionStore
{
    private const string Columns =
        "platform, chat_id, server_id, local_minutes, zone_id, focus, created_by_platform, created_by_user_id, changed_at, enabled, disabled_reason, next_local_date, next_due, thread_id, direct, language";

    public Task<Subscription?> FindAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command($"SELECT {Columns} FROM subscriptions WHERE id = $1", Subscription.KeyOf(chat));
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? Read(reader) : null;
            },
            cancellationToken);

    public Task SaveAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var s = subscription;
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    $"""
                    INSERT INTO subscriptions (id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                    ON CONFLICT (id) DO UPDATE SET platform = excluded.platform, chat_id = excluded.chat_id, server_id = excluded.server_id,
                        local_minutes = excluded.local_minutes, zone_id = excluded.zone_id, focus = excluded.focus,
                        created_by_platform = excluded.created_by_platform, created_by_user_id = excluded.created_by_user_id,
                        changed_at = excluded.changed_at, enabled = excluded.enabled, disabled_reason = excluded.disabled_reason,
                        next_local_date = excluded.next_local_date, next_due = excluded.next_due, thread_id = excluded.thread_id,
                        direct = excluded.direct, language = excluded.language
                    """,
                    s.Id,
                    s.Chat.Platform,
                    s.Chat.ChatId,
                    s.Chat.ServerId,
                    (s.LocalTime.Hour * 60) + s.LocalTime.Minute,
                    s.ZoneId,
                    s.Focus,
                    s.CreatedBy.Platform,
                    s.CreatedBy.UserId,
                    s.ChangedAt.ToSql(),
                    s.Enabled,
                    s.DisabledReason,
                    s.NextLocalDate.ToSql(),
                    s.Enabled && s.NextDue != Instant.MaxValue ? s.NextDue.ToSql() : null,
                    s.Chat.ThreadId,
                    s.InDirectChat,
                    s.Language);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command("DELETE FROM subscriptions WHERE id = $1", Subscription.KeyOf(chat));
                return await command.ExecuteNonQueryAsync(token) > 0;
            },
            cancellationToken);

    public Task<IReadOnlyList<Subscription>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<Subscription>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    $"SELECT {Columns} FROM subscriptions WHERE next_due <= $1 AND enabled ORDER BY next_due, id OFFSET $2 LIMIT $3",
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
                await using var command = connection.Command("SELECT min(next_due) FROM subscriptions WHERE next_due > $1", now.ToSql());
                return await command.ExecuteScalarAsync(token) is DateTime next ? next.ToInstant() : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<Subscription>> FindCreatedByAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<IReadOnlyList<Subscription>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    $"SELECT {Columns} FROM subscriptions WHERE created_by_platform = $1 AND created_by_user_id = $2 ORDER BY id COLLATE \"C\"",
                    person.Platform,
                    person.UserId);
                return await command.ReadAllAsync(Read, token);
            },
            cancellationToken);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);

        // The subscription of the person's own direct chat goes with them (recorded as one, or before that was recorded a
        // chat whose id is theirs, as Subscription.IsDirectChatOf says); a group's stays, naming nobody.
        return database.ExecuteInTransactionAsync(
            cancellationToken,
            (
                "DELETE FROM subscriptions WHERE created_by_platform = $1 AND created_by_user_id = $2 AND (direct OR (platform = $1 AND chat_id = $2))",
                [person.Platform, person.UserId]
            ),
            (
                "UPDATE subscriptions SET created_by_platform = $3, created_by_user_id = $4 WHERE created_by_platform = $1 AND created_by_user_id = $2",
                [person.Platform, person.UserId, Subscription.NoCreator.Platform, Subscription.NoCreator.UserId]
            ));
    }

    private static Subscription Read(NpgsqlDataReader reader)
    {
        var minutes = reader.GetInt32(3);
        return new Subscription
        {
            Chat = new ChatAddress(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2)) { ThreadId = reader.GetNullableString(13) },
            LocalTime = new LocalTime(minutes / 60, minutes % 60),
            ZoneId = reader.GetNullableString(4),
            Focus = reader.GetNullableString(5),
            CreatedBy = new PersonKey(reader.GetString(6), reader.GetString(7)),
            InDirectChat = reader.GetBoolean(14),
            ChangedAt = reader.GetInstant(8),
            Enabled = reader.GetBoolean(9),
            DisabledReason = reader.GetNullableString(10),
            NextLocalDate = reader.GetLocalDate(11),
            NextDue = reader.IsDBNull(12) ? Instant.MaxValue : reader.GetInstant(12),
            Language = reader.GetNullableString(15),
        };
    }
}

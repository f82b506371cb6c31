using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using Npgsql;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// Account links (one per account, the primary key), pending link codes (by the code's hash) and each account's
/// recent wrong tries (one row per account, the instants as an array), as the LiteDB store keeps them.
/// </summary>
public sealed class PostgresAccountLinkStore(PostgresDatabase database) : IAccountLinkStore
{
    public Task<PersonKey?> FindPersonAsync(PersonKey account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT person_platform, person_user_id FROM account_links WHERE account_platform = $1 AND account_user_id = $2", account.Platform, account.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? new PersonKey(reader.GetString(0), reader.GetString(1)) : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<PersonKey>> GetAccountsAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<IReadOnlyList<PersonKey>>(
            async (connection, token) =>
            {
                // The person's own account first, then the others in the order they were linked (ties by the LiteDB id, ordinal).
                await using var command = connection.Command(
                    """
                    SELECT account_platform, account_user_id FROM account_links WHERE person_platform = $1 AND person_user_id = $2
                    ORDER BY (account_platform = $1 AND account_user_id = $2) DESC, linked_at, (account_platform || '|' || account_user_id) COLLATE "C"
                    """,
                    person.Platform,
                    person.UserId);
                return await command.ReadAllAsync(reader => new PersonKey(reader.GetString(0), reader.GetString(1)), token);
            },
            cancellationToken);
    }

    public Task SaveLinkAsync(PersonKey account, PersonKey person, Instant linkedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(person);
        return database.ExecuteAsync(
            """
            INSERT INTO account_links (account_platform, account_user_id, person_platform, person_user_id, linked_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (account_platform, account_user_id) DO UPDATE SET
                person_platform = excluded.person_platform, person_user_id = excluded.person_user_id, linked_at = excluded.linked_at
            """,
            cancellationToken,
            account.Platform,
            account.UserId,
            person.Platform,
            person.UserId,
            linkedAt.ToSql());
    }

    public async Task<bool> RemoveLinkAsync(PersonKey account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await database.ExecuteAsync(
            "DELETE FROM account_links WHERE account_platform = $1 AND account_user_id = $2", cancellationToken, account.Platform, account.UserId) > 0;
    }

    public Task SaveCodeAsync(PendingLinkCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        return database.ExecuteInTransactionAsync(
            cancellationToken,
            ("DELETE FROM link_codes WHERE platform = $1 AND user_id = $2", [code.Account.Platform, code.Account.UserId]),
            (
                """
                INSERT INTO link_codes (code_hash, platform, user_id, expires_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (code_hash) DO UPDATE SET platform = excluded.platform, user_id = excluded.user_id, expires_at = excluded.expires_at
                """,
                [code.CodeHash, code.Account.Platform, code.Account.UserId, code.ExpiresAt.ToSql()]
            ));
    }

    public Task<PendingLinkCode?> TakeCodeAsync(string codeHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        return database.RunAsync(
            async (connection, token) =>
            {
                // DELETE … RETURNING hands the row to one caller only: of two racing for a code exactly one gets it.
                await using var command = connection.Command(
                    "DELETE FROM link_codes WHERE code_hash = $1 RETURNING platform, user_id, expires_at", codeHash);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? new PendingLinkCode(codeHash, new PersonKey(reader.GetString(0), reader.GetString(1)), reader.GetInstant(2))
                    : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<Instant>> RecordWrongTryAsync(PersonKey account, Instant at, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return database.RunAsync<IReadOnlyList<Instant>>(
            async (connection, token) =>
            {
                // One statement: the row's tries since the window opened plus this one, sorted (tries of two racing wrong codes both count).
                await using var command = connection.Command(
                    """
                    INSERT INTO link_wrong_tries (platform, user_id, tries) VALUES ($1, $2, ARRAY[$3::timestamptz])
                    ON CONFLICT (platform, user_id) DO UPDATE SET tries = (
                        SELECT coalesce(array_agg(t ORDER BY t), '{}') FROM unnest(link_wrong_tries.tries || excluded.tries) AS t WHERE t >= $4)
                    RETURNING tries
                    """,
                    account.Platform,
                    account.UserId,
                    at.ToSql(),
                    since.ToSql());
                await using var reader = await command.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                return ReadTries(reader, since);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<Instant>> GetWrongTriesAsync(PersonKey account, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return database.RunAsync<IReadOnlyList<Instant>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT tries FROM link_wrong_tries WHERE platform = $1 AND user_id = $2", account.Platform, account.UserId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? ReadTries(reader, since) : [];
            },
            cancellationToken);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        object?[] key = [person.Platform, person.UserId];
        return database.ExecuteInTransactionAsync(
            cancellationToken,
            ("DELETE FROM account_links WHERE (account_platform = $1 AND account_user_id = $2) OR (person_platform = $1 AND person_user_id = $2)", key),
            ("DELETE FROM link_codes WHERE platform = $1 AND user_id = $2", key),
            ("DELETE FROM link_wrong_tries WHERE platform = $1 AND user_id = $2", key));
    }

    private static IReadOnlyList<Instant> ReadTries(NpgsqlDataReader reader, Instant since) =>
        [.. reader.GetFieldValue<DateTime[]>(0).Select(t => t.ToInstant()).Where(t => t >= since).Order()];
}

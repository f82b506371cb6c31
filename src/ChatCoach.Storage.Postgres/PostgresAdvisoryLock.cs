using Npgsql;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// A PostgreSQL session advisory lock that one instance at a time holds, for electing the one that does a job only one
/// may do (the Telegram long poller). The holder keeps one connection open for as long as it holds the lock; when the
/// instance dies, its connection ends and the server drops the lock, so a standby's next <see cref="TryAcquireAsync"/>
/// (every few seconds) wins. <see cref="PostgresPollerElection"/> uses it for the Telegram poller.
/// </summary>
public sealed class PostgresAdvisoryLock(PostgresDatabase database, long key) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>Lock keys in use, so two jobs never share one by accident.</summary>
    public const long TelegramPollerKey = 0x4368_6174_5447_5031;

    public bool IsHeld => _connection is not null;

    /// <summary>True when this instance holds the lock now (it already did, or it was free); never waits for it.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return await StillHeldAsync(cancellationToken);
        }

        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.Command("SELECT pg_try_advisory_lock($1)", key);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                _connection = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Asks the server whether the lock's session is alive; false (and the lock given up) when it is not.</summary>
    public async Task<bool> StillHeldAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            return false;
        }

        try
        {
            await using var command = _connection.Command("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted");
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The session ended (server restart, connection killed): the lock went with it.
        }

        await ReleaseAsync();
        return false;
    }

    /// <summary>Gives the lock up (closing the session releases it even if the unlock cannot be sent).</summary>
    public async Task ReleaseAsync()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        _connection = null;
        try
        {
            await using var command = connection.Command("SELECT pg_advisory_unlock($1)", key);
            await command.ExecuteScalarAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Already gone with its session.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());
}

using System.Collections.Concurrent;
using ChatCoach.Core.Operations;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// The poller election on PostgreSQL: one session advisory lock per key (the bot's id), held on its own connection
/// for as long as this instance leads. When the instance dies its connection ends and the server drops the lock, so a
/// standby's next try wins; when the connection is lost the lead is lost with it and the next try says so.
/// </summary>
public sealed class PostgresPollerElection(PostgresDatabase database) : IPollerElection, IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, PostgresAdvisoryLock> _locks = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The lock key for a bot: distinct per bot id, so two bots sharing one database each get a poller.</summary>
    public static long LockKey(long botId) => PostgresAdvisoryLock.TelegramPollerKey ^ botId;

    public async Task<bool> TryLeadAsync(long key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var advisoryLock = _locks.GetOrAdd(key, k => new PostgresAdvisoryLock(database, LockKey(k)));
            return await advisoryLock.TryAcquireAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ResignAsync(long key)
    {
        if (_locks.TryRemove(key, out var advisoryLock))
        {
            await advisoryLock.ReleaseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var key in _locks.Keys.ToList())
        {
            await ResignAsync(key);
        }

        _gate.Dispose();
    }
}

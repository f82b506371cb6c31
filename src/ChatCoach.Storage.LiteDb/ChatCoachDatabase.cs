using ChatCoach.Core.Operations;
using ChatCoach.Core.Storage;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// The one LiteDB file, owned by this process. Opening it takes the one-writer lock, checks the file and its log with
/// plain reads, runs the full integrity check from read-only handles, and only then lets LiteDB open it for writing
/// and create the indexes. Any failure stops the start with one message naming the file, which is left as it was.
/// </summary>
/// <remarks>
/// Stores reach LiteDB only through <see cref="Read{T}"/> and <see cref="Write{T}"/>. A write returns once its pages are
/// in the log file; when that fails (a full disk), LiteDB closes its engine, so the engine is reopened at once (the
/// unconfirmed pages are ignored, so the write is not half-applied and reads go on) and the caller gets
/// <see cref="StorageFullException"/>. Writes fail fast while the disk stays nearly full and go through again, without
/// a restart, once there is space.
/// </remarks>
public sealed class ChatCoachDatabase : IDisposable
{
    /// <summary>Below this much free space after a failed write, writes are refused without touching LiteDB.</summary>
    internal const long MinimumFreeBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan WriteLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Engines LiteDB closed after a failed write, kept reachable for the life of the process: closing one can leave
    /// transactions half-disposed, and LiteDB's transaction finalizer then throws on the finalizer thread, which would
    /// kill the process. Kept here, they are never finalised. One per full-disk episode.
    /// </summary>
    private static readonly List<LiteDatabase> RetiredEngines = [];

    private readonly DatabaseLock _lock;
    private readonly BsonMapper _mapper = CreateMapper();
    private readonly object _backupGate = new();
    private readonly ReaderWriterLockSlim _engineGate = new(LockRecursionPolicy.SupportsRecursion);
    private Engine _engine;
    private volatile bool _diskWasFull;
    private bool _disposed;
    private readonly ChatCoachMetrics? _metrics;

    public ChatCoachDatabase(IOptions<StorageOptions> options, ChatCoachMetrics? metrics = null)
        : this(options?.Value.Path ?? throw new ArgumentNullException(nameof(options)), options.Value.FullCheckOnStart)
    {
        _metrics = metrics;
    }

    public ChatCoachDatabase(string path, bool fullCheck = true)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(FilePath);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"cannot create the folder for the database file '{FilePath}': {ex.Message}", ex);
        }

        _lock = DatabaseLock.Acquire(FilePath);
        try
        {
            DatabaseFileCheck.Verify(FilePath);
            Integrity = File.Exists(FilePath) ? DatabaseIntegrity.Check(FilePath, documents: fullCheck) : null;
            _engine = Open(FilePath, _mapper, ensureIndexes: true);
        }
        catch
        {
            _lock.Dispose();
            _engineGate.Dispose();
            throw;
        }
    }

    public string FilePath { get; }

    /// <summary>What the start-up check read; null for a database created just now.</summary>
    public IntegrityReport? Integrity { get; }

    /// <summary>The LiteDB instance now open; tests and benchmarks read it directly. Stores go through <see cref="Read{T}"/>/<see cref="Write{T}"/>.</summary>
    public LiteDatabase Database => _engine.Database;

    /// <summary>True when LiteDB's log writer can be waited for (see <see cref="LogWriteBarrier"/>).</summary>
    internal bool HasWriteBarrier => _engine.Barrier.IsAvailable;

    /// <summary>Runs a read; if the engine was closed by a failed write, reopens it and reads again.</summary>
    public T Read<T>(Func<LiteDatabase, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var engine = _engine;
        try
        {
            return Run(read, out engine);
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            _metrics?.DatabaseError("read");
            Reopen(engine);
            return Run(read, out _);
        }
    }

    /// <summary>Runs a write and waits until it is in the log file. A full disk ends in <see cref="StorageFullException"/>, the write not applied.</summary>
    public T Write<T>(Func<LiteDatabase, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_diskWasFull && FreeBytes() is { } free && free < MinimumFreeBytes)
        {
            throw Full(null);
        }

        Engine engine = _engine;
        try
        {
            var result = Run(
                db =>
                {
                    var value = write(db);
                    _engine.Barrier.Wait(WriteLimit);

                    // Answered only once the commit is on disk: one fsync for it (and any commit that joined it).
                    _engine.Log.FlushToDisk();
                    return value;
                },
                out engine);
            _diskWasFull = false;
            return result;
        }
        catch (Exception ex) when (IsEngineFailure(ex) || IsDiskFull(ex))
        {
            _metrics?.DatabaseError(IsDiskFull(ex) ? "full" : "write");
            Reopen(engine);
            if (IsDiskFull(ex))
            {
                _diskWasFull = true;
                throw Full(ex);
            }

            throw new StorageUnavailableException($"a write to the database file '{FilePath}' failed and was not applied: {ex.Message}", ex);
        }
    }

    public void Write(Action<LiteDatabase> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(db =>
        {
            write(db);
            return true;
        });
    }

    /// <summary>
    /// Writes a consistent copy to <paramref name="target"/> (never over an existing file) and verifies it: the log is
    /// checkpointed into the data file, and the data file is copied while an open transaction keeps LiteDB from
    /// checkpointing again (the data file only changes at a checkpoint), then the copy is checked from read-only handles.
    /// </summary>
    public IntegrityReport BackupTo(string target)
    {
        DatabaseBackup.RefuseExisting(target);
        var partial = target + ".partial";
        try
        {
            lock (_backupGate)
            {
                Read(db =>
                {
                    db.Checkpoint();
                    db.BeginTrans();
                    try
                    {
                        using var source = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                        using var copy = new FileStream(partial, FileMode.CreateNew, FileAccess.Write);
                        source.CopyTo(copy);
                        copy.Flush(flushToDisk: true);
                    }
                    finally
                    {
                        db.Rollback();
                    }

                    return true;
                });
            }

            DatabaseFileCheck.Verify(partial);
            var report = DatabaseIntegrity.Check(partial);
            File.Move(partial, target, overwrite: false);
            return report;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteException)
        {
            throw new StorageUnavailableException($"could not back up '{FilePath}' to '{target}': {ex.Message}", ex);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public void Dispose()
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        // The write lock waits for every operation in flight (a write finishes and is kept); one that arrives after is
        // refused with ObjectDisposedException once it gets the read lock. The gate itself is not disposed: a thread
        // still queued on it (it arrived while the engine was closing) would make ReaderWriterLockSlim.Dispose throw
        // SynchronizationLockException, and then its own ExitReadLock would hit a disposed lock. It holds no handle
        // that needs releasing; the GC takes it with this object.
        _engineGate.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return; // another thread's Dispose got here first
            }

            _disposed = true;
            _engine.Database.Dispose();
            _engine.Log.Close(deleteIfEmpty: true);
        }
        finally
        {
            _engineGate.ExitWriteLock();
        }

        _lock.Dispose();
    }

    /// <summary>Threads queued on the engine gate (for the test that races a dispose against operations).</summary>
    internal int WaitingOnGate => _engineGate.WaitingReadCount + _engineGate.WaitingWriteCount;

    internal static bool IsDiskFull(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            // ENOSPC (28) on Linux, ERROR_DISK_FULL (112) / ERROR_HANDLE_DISK_FULL (39) on Windows.
            if (ex is IOException io && (io.HResult == 28 || (io.HResult & 0xFFFF) is 112 or 39
                || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEngineFailure(Exception ex) =>
        ex is IOException || (ex is LiteException lite && lite.ErrorCode == LiteException.ENGINE_DISPOSED);

    /// <summary>
    /// A mapper of our own with every row type mapped before any thread uses it. LiteDB 5.0.20/21 caches entity mappers
    /// in a plain dictionary read outside its lock, so a type mapped for the first time on one thread while another
    /// reads the cache can hand back a wrong or half-built mapper (fixed upstream after 5.0.21, unreleased): the cause of
    /// the rare failures of the 50-parallel-presses tests. Mapped up front, the cache is only ever read afterwards.
    /// </summary>
    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        _ = mapper.ToDocument(new LiteDbAdapterStateStore.AdapterStateRow());
        _ = mapper.ToDocument(new LiteDbCheckInStore.CheckInRow());
        _ = mapper.ToDocument(new LiteDbCheckInStore.ReferralRow());
        _ = mapper.ToDocument(new LiteDbCompletionStore.CompletionRow());
        _ = mapper.ToDocument(new LiteDbDeliveryLog.DeliveryRow());
        _ = mapper.ToDocument(new LiteDbPauseStore.PauseRow());
        _ = mapper.ToDocument(new LiteDbPauseStore.SpanRow());
        _ = mapper.ToDocument(new LiteDbPersonStore.PersonRow());
        _ = mapper.ToDocument(new LiteDbProgressionStore.ProgressionRow());
        _ = mapper.ToDocument(new LiteDbReminderStore.ReminderRow());
        _ = mapper.ToDocument(new LiteDbStreakActivityStore.ActivityRow());
        _ = mapper.ToDocument(new LiteDbStreakSummaryStore.SummaryRow());
        _ = mapper.ToDocument(new LiteDbSubscriptionStore.SubscriptionRow());
        _ = mapper.ToDocument(new LiteDbUpdateInbox.InboxRow());
        return mapper;
    }

    private static Engine Open(string path, BsonMapper mapper, bool ensureIndexes)
    {
        LiteDatabase? database = null;
        DurableLogStream? log = null;
        try
        {
            // The log under LiteDB's own name for it, through our stream so that its fsync is ours (DurableLogStream).
            log = new DurableLogStream(DatabaseFileCheck.LogPathOf(path));
            var engine = new LiteEngine(new EngineSettings { Filename = path, LogStream = log });
            database = new LiteDatabase(engine, mapper);
            if (ensureIndexes)
            {
                EnsureIndexes(database);
            }

            var opened = new Engine(database, new LogWriteBarrier(engine), log);
            opened.Barrier.Wait(WriteLimit);
            log.FlushToDisk(); // the collections and indexes just created
            return opened;
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException or InvalidCastException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            database?.Dispose();
            log?.Close(deleteIfEmpty: true);
            throw new StorageUnavailableException(
                $"cannot open the database file '{path}': {ex.Message} Restore it from a backup or point Storage:Path at another file.",
                ex);
        }
    }

    /// <summary>Every collection the stores use, and every index they query by, created here inside the guard
    /// rather than in a store's constructor or on first use.</summary>
    private static void EnsureIndexes(LiteDatabase database)
    {
        // LiteDB 5.0.x can fail a query with "page type must be collection page" while another thread's transaction
        // creates that collection (litedb-org/LiteDB#2792), so no collection may be created lazily under load.
        // An empty insert creates the collection and writes no document.
        var existing = database.GetCollectionNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in CollectionNames.Where(name => !existing.Contains(name)))
        {
            database.GetCollection(name).Insert(Array.Empty<BsonDocument>());
        }

        LiteDbAccountLinkStore.EnsureIndexes(database);
        LiteDbCompletionStore.EnsureIndexes(database);
        LiteDbDeliveryLog.EnsureIndexes(database);
        LiteDbReminderStore.EnsureIndexes(database);
        LiteDbStreakActivityStore.EnsureIndexes(database);
        LiteDbSubscriptionStore.EnsureIndexes(database);
        LiteDbUpdateInbox.EnsureIndexes(database);
    }

    /// <summary>The collections of every store; <see cref="EnsureIndexes"/> creates them when the file is opened.</summary>
    internal static IReadOnlyList<string> CollectionNames { get; } =
    [
        LiteDbAccountLinkStore.CollectionName,
        LiteDbAccountLinkStore.CodeCollectionName,
        LiteDbAccountLinkStore.WrongTryCollectionName,
        LiteDbAdapterStateStore.CollectionName,
        LiteDbCheckInStore.CollectionName,
        LiteDbCheckInStore.ReferralCollectionName,
        LiteDbCompletionStore.CollectionName,
        LiteDbDeliveryLog.CollectionName,
        LiteDbPauseStore.CollectionName,
        LiteDbPersonStore.CollectionName,
        LiteDbProgressionStore.CollectionName,
        LiteDbReminderStore.CollectionName,
        LiteDbStreakActivityStore.CollectionName,
        LiteDbStreakSummaryStore.CollectionName,
        LiteDbSubscriptionStore.CollectionName,
        LiteDbUpdateInbox.CollectionName,
    ];

    private T Run<T>(Func<LiteDatabase, T> operation, out Engine engine)
    {
        _engineGate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            engine = _engine;
            return operation(engine.Database);
        }
        finally
        {
            _engineGate.ExitReadLock();
        }
    }

    /// <summary>Replaces an engine LiteDB closed after a failed write; reopening reads the log and needs no free space.</summary>
    private void Reopen(Engine failed)
    {
        _engineGate.EnterWriteLock();
        try
        {
            if (_disposed || !ReferenceEquals(_engine, failed))
            {
                return; // another thread reopened it already
            }

            lock (RetiredEngines)
            {
                RetiredEngines.Add(failed.Database);
            }

            try
            {
                failed.Database.Dispose();
                failed.Log.Close(deleteIfEmpty: false);
            }
#pragma warning disable CA1031 // The failed engine is being thrown away; its own error is the one already reported.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            _engine = Open(FilePath, _mapper, ensureIndexes: false);
        }
        finally
        {
            _engineGate.ExitWriteLock();
        }
    }

    private long? FreeBytes()
    {
        try
        {
            return new DriveInfo(System.IO.Path.GetDirectoryName(FilePath)!).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private StorageFullException Full(Exception? cause)
    {
        var message = $"the disk holding '{FilePath}' is full: the write was not applied and nothing saved before was lost; writes resume by themselves once there is space.";
        return cause is null ? new StorageFullException(message) : new StorageFullException(message, cause);
    }

    /// <summary>The log stream of the engine now open (tests read its fsync count).</summary>
    internal DurableLogStream Log => _engine.Log;

    private sealed record Engine(LiteDatabase Database, LogWriteBarrier Barrier, DurableLogStream Log);
}

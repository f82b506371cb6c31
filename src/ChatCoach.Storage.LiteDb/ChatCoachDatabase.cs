using ChatCoach.Core.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// The one LiteDB file, owned by this process. Opening it takes the one-writer lock, checks the file and its log with
/// plain reads, runs the full integrity check from read-only handles, and only then lets LiteDB open it for writing
/// and create the indexes. Any failure stops the start with one message naming the file, which is left as it was.
/// </summary>
public sealed class ChatCoachDatabase : IDisposable
{
    private readonly DatabaseLock _lock;
    private readonly object _backupGate = new();

    public ChatCoachDatabase(IOptions<StorageOptions> options)
        : this(options?.Value.Path ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public ChatCoachDatabase(string path)
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
            Integrity = File.Exists(FilePath) ? DatabaseIntegrity.Check(FilePath) : null;
            Database = Open(FilePath);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    public string FilePath { get; }

    /// <summary>What the start-up check read; null for a database created just now.</summary>
    public IntegrityReport? Integrity { get; }

    public LiteDatabase Database { get; }

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
                Database.Checkpoint();
                Database.BeginTrans();
                try
                {
                    using var source = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var copy = new FileStream(partial, FileMode.CreateNew, FileAccess.Write);
                    source.CopyTo(copy);
                    copy.Flush(flushToDisk: true);
                }
                finally
                {
                    Database.Rollback();
                }
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
        Database.Dispose();
        _lock.Dispose();
    }

    private static LiteDatabase Open(string path)
    {
        LiteDatabase? database = null;
        try
        {
            database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
            EnsureIndexes(database);
            return database;
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException or InvalidCastException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            database?.Dispose();
            throw new StorageUnavailableException(
                $"cannot open the database file '{path}': {ex.Message} Restore it from a backup or point Storage:Path at another file.",
                ex);
        }
    }

    /// <summary>Every index the stores query by, created here inside the guard rather than in a store's constructor.</summary>
    private static void EnsureIndexes(LiteDatabase database)
    {
        LiteDbCompletionStore.EnsureIndexes(database);
        LiteDbDeliveryLog.EnsureIndexes(database);
        LiteDbStreakActivityStore.EnsureIndexes(database);
        LiteDbSubscriptionStore.EnsureIndexes(database);
    }
}

using System.Globalization;
using ChatCoach.Core.Storage;

namespace ChatCoach.Storage.LiteDb;

/// <summary>The outcome of a restore: what the restored file holds and where the files it replaced were kept.</summary>
public sealed record RestoreResult(IntegrityReport Report, IReadOnlyList<string> KeptAside);

/// <summary>
/// Consistent, verified copies of the database and restoring one. The process that owns the file makes the copy (a
/// checkpoint, then the data file copied while an open transaction keeps LiteDB from checkpointing again); a
/// <c>chatcoach db backup</c> beside a running bot hands the request to the bot through a request file next to the
/// database and waits for its answer.
/// </summary>
public static class DatabaseBackup
{
    internal const string RequestMarker = ".backup-request.";
    internal const string ResultMarker = ".backup-result.";

    /// <summary>Backs <paramref name="databasePath"/> up to <paramref name="target"/>, itself or through the running bot.</summary>
    public static async Task<IntegrityReport> RequestAsync(string databasePath, string target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        RefuseExisting(target);
        if (!File.Exists(databasePath))
        {
            throw new StorageUnavailableException($"there is no database file '{databasePath}' to back up.");
        }

        if (!DatabaseLock.IsHeld(databasePath, out var holder))
        {
            using var database = new ChatCoachDatabase(databasePath);
            return database.BackupTo(target);
        }

        var id = Guid.NewGuid().ToString("N");
        var request = databasePath + RequestMarker + id;
        var result = databasePath + ResultMarker + id;
        await File.WriteAllTextAsync(request + ".tmp", target, cancellationToken);
        File.Move(request + ".tmp", request);
        using var timer = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            while (!File.Exists(result))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), linked.Token);
            }
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            File.Delete(request);
            throw new StorageUnavailableException(
                $"the database file '{databasePath}' is held by pid {holder?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, which did not answer the backup request within {timeout.TotalSeconds:0} s. Nothing was written to '{target}'.");
        }

        var answer = await File.ReadAllTextAsync(result, cancellationToken);
        File.Delete(result);
        if (!answer.StartsWith("ok", StringComparison.Ordinal))
        {
            throw new StorageUnavailableException(answer.StartsWith("error: ", StringComparison.Ordinal) ? answer["error: ".Length..].Trim() : answer.Trim());
        }

        return DatabaseIntegrity.Check(target);
    }

    /// <summary>
    /// Replaces the database with a verified backup. Refused while any process holds the database; the previous data file
    /// and any <c>-log</c> beside it (which would otherwise be replayed into the backup) are renamed aside, never deleted.
    /// </summary>
    public static RestoreResult Restore(string databasePath, string backup, DateTimeOffset now)
    {
        if (!File.Exists(backup))
        {
            throw new StorageUnavailableException($"there is no backup file '{backup}'.");
        }

        using var held = DatabaseLock.Acquire(databasePath);
        DatabaseFileCheck.Verify(backup);
        var report = DatabaseIntegrity.Check(backup);

        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var staging = databasePath + ".restoring";
        File.Delete(staging);
        File.Copy(backup, staging);
        using (var flush = new FileStream(staging, FileMode.Open, FileAccess.ReadWrite))
        {
            flush.Flush(flushToDisk: true);
        }

        var keptAside = new List<string>();
        foreach (var existing in new[] { databasePath, DatabaseFileCheck.LogPathOf(databasePath) }.Where(File.Exists))
        {
            var aside = $"{existing}.before-restore-{stamp}";
            File.Move(existing, aside);
            keptAside.Add(aside);
        }

        File.Move(staging, databasePath);
        return new RestoreResult(report, keptAside);
    }

    internal static void RefuseExisting(string target)
    {
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new StorageUnavailableException($"the backup target '{target}' already exists; a backup never overwrites a file. Choose a new name.");
        }
    }
}

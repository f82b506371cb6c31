using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// In the process that owns the database: answers <c>chatcoach db backup</c> requests (request files beside the
/// database, watched with a <see cref="FileSystemWatcher"/> and rescanned every few seconds), and takes the optional
/// daily backup into <see cref="StorageOptions.BackupPath"/>, keeping the newest <see cref="StorageOptions.BackupKeep"/>.
/// </summary>
internal sealed partial class BackupService(ChatCoachDatabase database, IOptions<StorageOptions> options, TimeProvider time, ILogger<BackupService> logger)
    : BackgroundService
{
    private const string DailyPrefix = "chatcoach-";
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: a daily backup of a large file must not hold up the host's start.
        await Task.Yield();
        var directory = Path.GetDirectoryName(database.FilePath)!;
        var pattern = Path.GetFileName(database.FilePath) + DatabaseBackup.RequestMarker + "*";
        using var watcher = TryWatch(directory, pattern);

        var nextDaily = string.IsNullOrWhiteSpace(options.Value.BackupPath) ? DateTimeOffset.MaxValue : time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            AnswerRequests(directory, pattern);
            if (time.GetUtcNow() >= nextDaily)
            {
                TakeDailyBackup();
                nextDaily = time.GetUtcNow().AddDays(1);
            }

            try
            {
                await _wake.WaitAsync(RescanInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Event-driven when the OS allows (inotify instances run out on busy machines); the rescan covers the rest.</summary>
    private FileSystemWatcher? TryWatch(string directory, string pattern)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(directory, pattern);
            watcher.Created += (_, _) => _wake.Release();
            watcher.Renamed += (_, _) => _wake.Release();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            LogNoWatcher(ex.Message);
            return null;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private void AnswerRequests(string directory, string pattern)
    {
        foreach (var request in Directory.EnumerateFiles(directory, pattern).Where(p => !p.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            var result = request.Replace(DatabaseBackup.RequestMarker, DatabaseBackup.ResultMarker, StringComparison.Ordinal);
            string answer;
            try
            {
                var target = Path.GetFullPath(File.ReadAllText(request).Trim());
                var report = database.BackupTo(target);
                LogBackup(target, report.Summary);
                answer = "ok";
            }
#pragma warning disable CA1031 // Whatever went wrong is the answer to the waiting command, not a reason to stop the bot.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogBackupFailed(ex.Message);
                answer = $"error: {ex.Message}";
            }

            try
            {
                File.WriteAllText(result + ".tmp", answer);
                File.Move(result + ".tmp", result, overwrite: true);
                File.Delete(request);
            }
            catch (IOException ex)
            {
                LogBackupFailed(ex.Message);
            }
        }
    }

    private void TakeDailyBackup()
    {
        var folder = Path.GetFullPath(options.Value.BackupPath);
        try
        {
            Directory.CreateDirectory(folder);
            var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var target = Path.Combine(folder, $"{DailyPrefix}{stamp}{Path.GetExtension(database.FilePath)}");
            var report = database.BackupTo(target);
            LogBackup(target, report.Summary);

            // Names sort by time; only files this service named are ever deleted.
            var old = Directory.EnumerateFiles(folder, DailyPrefix + "*")
                .Where(p => Path.GetFileName(p).Length == DailyPrefix.Length + stamp.Length + Path.GetExtension(database.FilePath).Length)
                .Order(StringComparer.Ordinal)
                .SkipLast(options.Value.BackupKeep);
            foreach (var file in old)
            {
                File.Delete(file);
            }
        }
#pragma warning disable CA1031 // A failed daily backup is logged and tried again tomorrow; the bot keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBackupFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed up the database to {Target}: {Summary}")]
    private partial void LogBackup(string target, string summary);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Backup requests are found by rescanning only: {Reason}")]
    private partial void LogNoWatcher(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup failed: {Reason}")]
    private partial void LogBackupFailed(string reason);
}

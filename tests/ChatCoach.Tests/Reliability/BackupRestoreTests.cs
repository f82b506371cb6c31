using ChatCoach.Storage.LiteDb;
using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Reliability;

/// <summary><c>db backup</c> beside a running bot, <c>db restore</c> refused while it runs and done safely after.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    private string DatabasePath => Path.Combine(_host.WorkingDirectory, "chatcoach.db");

    [Fact]
    public async Task Backup_WhileTheBotWrites_CopyIsConsistentAndRestoresAfterTheStop()
    {
        DatabaseFiles.Create(DatabasePath, people: 200);
        var backup = Path.Combine(_host.WorkingDirectory, "backup.db");
        using var bot = await RunningHost.StartAsync(_host);

        // Writes go on while the backup is taken.
        await bot.SayAsync("done");
        await bot.WaitForOutputAsync("Day 1");
        await bot.SayAsync("subscribe 07:30");
        var run = await _host.RunAsync("", "db", "backup", backup);
        await bot.SayAsync("streak");
        await bot.WaitForOutputAsync("Your streak");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("verified the copy", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFileCheck.LogPathOf(backup)), "a backup is one file");

        // Never over an existing file.
        var again = await _host.RunAsync("", "db", "backup", backup);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("never overwrites", again.StandardError, StringComparison.Ordinal);

        // Restore is refused while the bot holds the file, and touches nothing.
        var before = DatabaseFiles.Fingerprint(_host.WorkingDirectory);
        var refused = await _host.RunAsync("", "db", "restore", backup);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"pid {bot.ProcessId}", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseFiles.Fingerprint(_host.WorkingDirectory));

        Assert.Equal(0, await bot.StopAsync());

        // A stale log beside the file must not be replayed into the restored copy.
        File.WriteAllBytes(DatabaseFileCheck.LogPathOf(DatabasePath), DatabaseFiles.Garbage(DatabaseFiles.PageSize, 9));
        var restored = await _host.RunAsync("", "db", "restore", backup);
        Assert.True(restored.ExitCode == 0, restored.StandardError);
        Assert.False(File.Exists(DatabaseFileCheck.LogPathOf(DatabasePath)));
        var keptAside = Directory.GetFiles(_host.WorkingDirectory, "*.before-restore-*");
        Assert.Equal(2, keptAside.Length);

        var check = await _host.RunAsync("", "db", "check");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("completions: 201 documents", check.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("streak_summaries: 201 documents", check.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_DamagedBackup_RefusedAndTheDatabaseStays()
    {
        DatabaseFiles.Create(DatabasePath, people: 10);
        var backup = Path.Combine(_host.WorkingDirectory, "backup.db");
        File.WriteAllBytes(backup, DatabaseFiles.Garbage(3 * DatabaseFiles.PageSize, 10));
        var before = DatabaseFiles.Fingerprint(_host.WorkingDirectory);

        var run = await _host.RunAsync("", "db", "restore", backup);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("chatcoach: storage error:", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseFiles.Fingerprint(_host.WorkingDirectory));
    }

    [Fact]
    public async Task Backup_BotNotRunning_TakesItselfAndVerifies()
    {
        DatabaseFiles.Create(DatabasePath, people: 30);
        var backup = Path.Combine(_host.WorkingDirectory, "offline.db");

        var run = await _host.RunAsync("", "db", "backup", backup);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("verified the copy", run.StandardOutput, StringComparison.Ordinal);
        var check = await _host.RunAsync("", "db", "check", backup);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("completions: 30 documents", check.StandardOutput, StringComparison.Ordinal);
    }
}

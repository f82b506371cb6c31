using ChatCoach.Storage.LiteDb;
using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Reliability;

/// <summary>Two real processes on one database file: the second is refused, the first goes on unharmed.</summary>
public sealed class OneWriterTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    private string DatabasePath => Path.Combine(_host.WorkingDirectory, "chatcoach.db");

    [Fact]
    public async Task Run_SecondProcessOnTheSameFile_RefusedNamingFileAndPidAndTouchesNothing()
    {
        using var first = await RunningHost.StartAsync(_host);
        await first.SayAsync("done");
        await first.SayAsync("streak");
        await first.WaitForOutputAsync("Your streak");
        var before = DatabaseFiles.Fingerprint(_host.WorkingDirectory);

        var second = await _host.RunAsync("done\n");

        Assert.Equal(1, second.ExitCode);
        var line = Assert.Single(second.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatcoach: storage error:", line, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, line, StringComparison.Ordinal);
        Assert.Contains($"pid {first.ProcessId}", line, StringComparison.Ordinal);
        Assert.Equal("", second.StandardOutput);
        Assert.Equal(before, DatabaseFiles.Fingerprint(_host.WorkingDirectory));

        // The first process still reads and writes its file.
        await first.SayAsync("streak");
        await first.WaitForOutputAsync("Your streak", 2);
        Assert.Equal(0, await first.StopAsync());

        var check = await _host.RunAsync("", "db", "check");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("completions: 1 documents", check.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AfterTheHolderIsKilled_TheNextProcessStarts()
    {
        using (var first = await RunningHost.StartAsync(_host))
        {
            await first.SayAsync("done");
            await first.WaitForOutputAsync("Day 1");
        }

        // Killed without a clean stop: the kernel released the lock with the process.
        var next = await _host.RunAsync("streak\n");

        Assert.Equal(0, next.ExitCode);
        Assert.Contains("Current streak: 1 day", next.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbCheck_WhileTheBotRuns_RefusedNamingThePid()
    {
        using var first = await RunningHost.StartAsync(_host);

        var check = await _host.RunAsync("", "db", "check");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"pid {first.ProcessId}", check.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_OpensNoDatabase_EvenBesideARunningBot()
    {
        var alone = await _host.RunAsync("", "ask", "my knee hurts after running");
        Assert.Equal(0, alone.ExitCode);
        Assert.False(File.Exists(DatabasePath), "ask created a database file");
        Assert.False(File.Exists(DatabaseLock.LockPathOf(DatabasePath)), "ask took the database lock");

        using var bot = await RunningHost.StartAsync(_host);
        var beside = await _host.RunAsync("", "ask", "my knee hurts after running");
        Assert.Equal(0, beside.ExitCode);
        Assert.Contains("Source:", beside.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TwiceInOneProcess_SecondRefused()
    {
        using var first = new ChatCoachDatabase(DatabasePath);

        var error = Assert.Throws<ChatCoach.Core.Storage.StorageUnavailableException>(() => new ChatCoachDatabase(DatabasePath));

        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
    }
}

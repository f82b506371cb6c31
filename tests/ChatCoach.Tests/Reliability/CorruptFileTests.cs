using ChatCoach.Storage.LiteDb;
using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Reliability;

/// <summary>
/// The built binary started on a damaged database: one clear line, exit 1, and every file in the folder byte for
/// byte (SHA-256), length and modification time as it was.
/// </summary>
public sealed class CorruptFileTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> Cases =>
    [
        "not-a-database-odd-length",
        "not-a-database-whole-pages",
        "zero-length",
        "truncated-mid-page",
        "truncated-whole-pages",
        "damaged-first-page",
        "damaged-data-page",
        "damaged-data-page-content",
        "foreign-log",
        "garbage-log",
        "garbage-log-odd-length",
        "log-without-database",
    ];

    private string DatabasePath => Path.Combine(_host.WorkingDirectory, "chatcoach.db");

    private string LogPath => DatabaseFileCheck.LogPathOf(DatabasePath);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_DamagedFile_OneLineExitOneEveryFileUnchanged(string damage)
    {
        Prepare(damage);
        var before = DatabaseFiles.Fingerprint(_host.WorkingDirectory);

        var run = await _host.RunAsync("done\nhelp\n");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatcoach: storage error:", line, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
        Assert.Equal("", run.StandardOutput);
        Assert.Equal(before, DatabaseFiles.Fingerprint(_host.WorkingDirectory));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DbCheck_DamagedFile_OneLineExitOneEveryFileUnchanged(string damage)
    {
        Prepare(damage);
        var before = DatabaseFiles.Fingerprint(_host.WorkingDirectory);

        var run = await _host.RunAsync("", "db", "check");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatcoach: storage error:", line, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseFiles.Fingerprint(_host.WorkingDirectory));
    }

    [Fact]
    public async Task DbCheck_SoundFile_PrintsSummaryAndExitsZero()
    {
        DatabaseFiles.Create(DatabasePath);

        var run = await _host.RunAsync("", "db", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("is sound", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("completions: 300 documents; indexes _id, Person", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("streak_summaries: 300 documents", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OwnLogLeftByACrash_IsReplayedAndNothingIsLost()
    {
        var original = Path.Combine(_host.WorkingDirectory, "original");
        Directory.CreateDirectory(original);
        using (var database = new ChatCoachDatabase(Path.Combine(original, "chatcoach.db")))
        {
            DatabaseFiles.Fill(database, 50, "p");
            DatabaseFiles.CopyWhileOpen(database, DatabasePath);
        }

        Assert.True(new FileInfo(LogPath).Length > 0, "the copy taken while open should carry a log");

        var run = await _host.RunAsync("", "db", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("completions: 50 documents", run.StandardOutput, StringComparison.Ordinal);
    }

    private void Prepare(string damage)
    {
        switch (damage)
        {
            case "not-a-database-odd-length":
                File.WriteAllBytes(DatabasePath, DatabaseFiles.Garbage(20_000, 1));
                break;
            case "not-a-database-whole-pages":
                File.WriteAllBytes(DatabasePath, DatabaseFiles.Garbage(4 * DatabaseFiles.PageSize, 2));
                break;
            case "zero-length":
                File.WriteAllBytes(DatabasePath, []);
                break;
            case "truncated-mid-page":
                DatabaseFiles.Create(DatabasePath);
                Truncate(new FileInfo(DatabasePath).Length - 100);
                break;
            case "truncated-whole-pages":
                DatabaseFiles.Create(DatabasePath);
                Truncate((DatabaseFiles.LastPageId(DatabasePath) - 1) * (long)DatabaseFiles.PageSize);
                break;
            case "damaged-first-page":
                DatabaseFiles.Create(DatabasePath);
                Overwrite(DatabasePath, 0, DatabaseFiles.Garbage(DatabaseFiles.PageSize, 3));
                break;
            case "damaged-data-page":
                DatabaseFiles.Create(DatabasePath);
                Overwrite(DatabasePath, DatabaseFiles.DataPages(DatabasePath)[1] * (long)DatabaseFiles.PageSize, DatabaseFiles.Garbage(DatabaseFiles.PageSize, 4));
                break;
            case "damaged-data-page-content":
                DatabaseFiles.Create(DatabasePath);
                Overwrite(DatabasePath, (DatabaseFiles.DataPages(DatabasePath)[1] * (long)DatabaseFiles.PageSize) + 32, DatabaseFiles.Garbage(DatabaseFiles.PageSize - 32, 5));
                break;
            case "foreign-log":
                DatabaseFiles.Create(DatabasePath);
                var other = Path.Combine(_host.WorkingDirectory, "other");
                Directory.CreateDirectory(other);
                using (var database = new ChatCoachDatabase(Path.Combine(other, "other.db")))
                {
                    DatabaseFiles.Fill(database, 20, "x");
                    File.Copy(DatabaseFileCheck.LogPathOf(database.FilePath), LogPath);
                }

                Directory.Delete(other, recursive: true);
                break;
            case "garbage-log":
                DatabaseFiles.Create(DatabasePath);
                File.WriteAllBytes(LogPath, DatabaseFiles.Garbage(3 * DatabaseFiles.PageSize, 6));
                break;
            case "garbage-log-odd-length":
                DatabaseFiles.Create(DatabasePath);
                File.WriteAllBytes(LogPath, DatabaseFiles.Garbage(10_000, 7));
                break;
            case "log-without-database":
                File.WriteAllBytes(LogPath, DatabaseFiles.Garbage(DatabaseFiles.PageSize, 8));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }

        // Old write times, so a rewrite with the same bytes would still show.
        foreach (var file in Directory.GetFiles(_host.WorkingDirectory))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }
    }

    private void Truncate(long length)
    {
        using var stream = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    private static void Overwrite(string path, long offset, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }
}

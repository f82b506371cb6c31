using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Startup;

/// <summary>Storage:Provider and Storage:ConnectionString, checked at start against the built binary.</summary>
public sealed class StorageProviderStartupTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Run_UnknownProvider_StopsWithOneLineNamingTheKey()
    {
        _host.Environment["Storage__Provider"] = "Oracle";

        var line = await RunExpectingOneErrorLineAsync();

        Assert.Equal("chatcoach: configuration error: Storage:Provider must be LiteDb or Postgres, not 'Oracle'.", line);
        Assert.False(File.Exists(Path.Combine(_host.WorkingDirectory, "chatcoach.db")));
    }

    [Fact]
    public async Task Run_PostgresWithoutConnectionString_StopsWithOneLineNamingTheKey()
    {
        _host.Environment["Storage__Provider"] = "Postgres";

        var line = await RunExpectingOneErrorLineAsync();

        Assert.StartsWith("chatcoach: configuration error: Storage:ConnectionString must be set when Storage:Provider is Postgres", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostgresUnreachable_StopsWithOneStorageLineWithoutThePasswordAndNoLiteDbFile()
    {
        _host.Environment["Storage__Provider"] = "Postgres";
        _host.Environment["Storage__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=chatcoach;Username=chatcoach;Password=s3cret-pass;Timeout=5";

        var line = await RunExpectingOneErrorLineAsync();

        Assert.StartsWith("chatcoach: storage error: cannot use the PostgreSQL database 'chatcoach' on 127.0.0.1:1: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_host.WorkingDirectory, "chatcoach.db")));
    }

    [Fact]
    public async Task Db_WithPostgresProvider_SaysToUseTheServersToolsAndTouchesNothing()
    {
        _host.Environment["Storage__Provider"] = "Postgres";

        var run = await _host.RunAsync("", "db", "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("with Storage:Provider Postgres use the server's own tools", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_host.WorkingDirectory, "chatcoach.db")));
    }

    private async Task<string> RunExpectingOneErrorLineAsync()
    {
        var run = await _host.RunAsync("help\n");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
        Assert.Equal("", run.StandardOutput);
        return Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

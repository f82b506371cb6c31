using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Startup;

public sealed class StartupErrorTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Run_CorruptDatabase_StopsWithOneLineNamingTheFileAndKeepsIt()
    {
        var path = Path.Combine(_host.WorkingDirectory, "chatcoach.db");
        var garbage = Enumerable.Range(0, 32 * 1024).Select(i => (byte)(i * 7 % 253)).ToArray();
        await File.WriteAllBytesAsync(path, garbage);

        var run = await _host.RunAsync("help\n");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatcoach: storage error:", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public async Task Run_EmptyStoragePath_StopsWithOneLineNamingTheKey()
    {
        _host.Environment["Storage__Path"] = "";

        var run = await _host.RunAsync("help\n");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatcoach: configuration error:", line, StringComparison.Ordinal);
        Assert.Contains("Storage:Path", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PipedInput_AnswersEachLineAndExitsAtEndOfInput()
    {
        var run = await _host.RunAsync("help\n/help\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, CountOccurrences(run.StandardOutput, "ChatCoach — help"));
        Assert.True(File.Exists(Path.Combine(_host.WorkingDirectory, "chatcoach.db")));
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}

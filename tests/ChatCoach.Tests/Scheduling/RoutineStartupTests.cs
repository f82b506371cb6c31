using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Scheduling;

public sealed class RoutineStartupTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("Scheduler__MaxParallelSends", "0", "Scheduler:MaxParallelSends")]
    [InlineData("Scheduler__RetryDelay", "00:00:00", "Scheduler:RetryDelay")]
    [InlineData("Routines__CatalogPath", "missing/exercises.json", "Routines:CatalogPath")]
    public async Task Run_BadRoutineSetting_StopsWithOneLineNamingTheKey(string variable, string value, string key)
    {
        _host.Environment[variable] = value;

        var run = await _host.RunAsync("help\n");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("chatcoach: configuration error:", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BrokenCatalogue_StopsWithOneLineNamingTheExercise()
    {
        var path = Path.Combine(_host.WorkingDirectory, "exercises.json");
        await File.WriteAllTextAsync(path, """{ "safety": "stop", "exercises": [ { "id": "bad-one", "name": "X", "focus": "hips", "kind": "strength", "dose": { "reps": 5 }, "steps": ["only one"], "cues": ["c"], "minutes": 2, "source": "s" } ] }""");
        _host.Environment["Routines__CatalogPath"] = path;

        var run = await _host.RunAsync("help\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad-one", Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}

using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Scheduling;

/// <summary>The routine must not depend on per-process state (randomised string hashing, unseeded randomness).</summary>
public sealed class RoutineAcrossProcessesTests
{
    [Fact]
    public async Task Routine_TwoSeparateProcessesSameDay_SameRoutine()
    {
        const string input = "routine\nroutine hips\nroutine recovery\n";
        using var first = new HostProcess();
        using var second = new HostProcess();

        var runs = await Task.WhenAll(first.RunAsync(input), second.RunAsync(input));

        Assert.All(runs, run => Assert.Equal(0, run.ExitCode));
        Assert.Contains("Routine for", runs[0].StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Done ✅", runs[0].StandardOutput, StringComparison.Ordinal);

        // Both ran "today" in UTC; should the date roll over between the two starts, the titles show it and we skip.
        var titles = runs.Select(r => r.StandardOutput.Split('\n').First(l => l.StartsWith("Routine for", StringComparison.Ordinal))).ToList();
        if (titles[0] == titles[1])
        {
            Assert.Equal(runs[0].StandardOutput, runs[1].StandardOutput);
        }
    }
}

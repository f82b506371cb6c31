using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Whole scenarios against a loopback double, in process (the double and the bot share it): each iteration is one
/// complete run, so there is one invocation per iteration and no unrolling.
/// </summary>
public sealed class ScenarioConfig : ManualConfig
{
    public ScenarioConfig() => AddJob(ScenarioJob.Create(warmups: 1, iterations: 3));
}

/// <summary>One real-time run, for the rate-limited fan-outs that take minutes by design.</summary>
public sealed class SingleShotConfig : ManualConfig
{
    public SingleShotConfig() => AddJob(ScenarioJob.Create(warmups: 0, iterations: 1));
}

internal static class ScenarioJob
{
    public static Job Create(int warmups, int iterations) => Job.Default
        .WithToolchain(InProcessNoEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(warmups)
        .WithIterationCount(iterations)
        .WithInvocationCount(1)
        .WithUnrollFactor(1);
}

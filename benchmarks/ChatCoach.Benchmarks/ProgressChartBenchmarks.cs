using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using NodaTime;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Drawing one <c>/progress</c> chart (800×450 PNG): an empty history, and a full one (eight weeks of 5–7 days done and
/// a check-in every day, 56 points). Time and allocations per chart; the text summary beside it for comparison.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(ProgressChartBenchmarks.InProcessConfig))]
public class ProgressChartBenchmarks
{
    private static readonly LocalDate Today = new(2026, 3, 29);
    private ScottPlotProgressChart _chart = null!;
    private ProgressData _empty = null!;
    private ProgressData _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chart = new ScottPlotProgressChart();
        var first = Today.PlusWeeks(-7).PlusDays(-6);
        _empty = new ProgressData(Today, [.. Enumerable.Range(0, 8).Select(i => new WeekProgress(first.PlusWeeks(i), 0, 0, 3))], []);
        var person = new PersonKey("telegram", "1");
        _full = new ProgressData(
            Today,
            [.. Enumerable.Range(0, 8).Select(i => new WeekProgress(first.PlusWeeks(i), 5 + (i % 3), 3 + (i % 2), 3))],
            [.. Enumerable.Range(0, 56).Select(d => new PainCheckIn(person, first.PlusDays(d), d * 7 % 11, Instant.FromUtc(2026, 3, 1, 0, 0)))]);
    }

    [Benchmark(Baseline = true)]
    public int RenderEmpty() => _chart.Render(_empty, Languages.EnglishCulture).Content.Length;

    [Benchmark]
    public int RenderFull() => _chart.Render(_full, Languages.EnglishCulture).Content.Length;

    [Benchmark]
    public int TextSummaryFull() => ProgressText.Blocks(_full, Languages.EnglishCulture).Count;

    /// <summary>In process: the chart needs no separate build, which times out on a busy machine.</summary>
    public sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithToolchain(InProcessNoEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10));
    }
}

using BenchmarkDotNet.Running;
using ChatCoach.Benchmarks;

// `-- embeddings` rewrites data/embeddings.bin; `-- score|calibrate <tsv>...` measures the advice engine on labelled
// sets (AdviceTools). Otherwise pick benchmarks with --filter, e.g. `--filter *Advice*`.
if (args.Length > 0 && ChineseAdviceTools.Commands.Contains(args[0]))
{
    return ChineseAdviceTools.Run(args);
}

if (args.Length > 0 && AdviceTools.Commands.Contains(args[0]))
{
    return AdviceTools.Run(args);
}

// `-- streak-file` generates (or checks) the 100,000 × a year LiteDB file once, outside any benchmark's time limit.
if (args is ["streak-file"])
{
    var people = StreakStorageBenchmarks.People();
    StreakStorageBenchmarks.OpenOrGenerate(StreakStorageBenchmarks.FilePath(people), people).Dispose();
    return 0;
}

// `-- done-probe [presses]` times every store call of lone Done presses (DoneProbe).
if (args.Length > 0 && args[0] == "done-probe")
{
    return DoneProbe.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;
using ChatCoach.Benchmarks;

// `-- embeddings` rewrites data/embeddings.bin; `-- score|calibrate <tsv>...` measures the advice engine on labelled
// sets (AdviceTools). Otherwise pick benchmarks with --filter, e.g. `--filter *Advice*`.
if (args.Length > 0 && AdviceTools.Commands.Contains(args[0]))
{
    return AdviceTools.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. `--filter *Advice*`; with no arguments BenchmarkDotNet asks interactively.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

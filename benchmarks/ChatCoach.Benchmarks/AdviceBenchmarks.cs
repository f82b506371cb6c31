using BenchmarkDotNet.Attributes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Benchmarks;

/// <summary>
/// One question answered end to end: cleaning, Lucene analysis with spell checking, triage, BM25 retrieval, routing
/// and the reply (and, in the second benchmark, its plain-text rendering). Runs over the real knowledge base copied
/// to the output directory. Target: median under 100 µs and under 32 KB allocated per answer.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class AdviceBenchmarks : IDisposable
{
    private AdviceEngine _engine = null!;

    private static readonly Dictionary<string, string> Questions = new(StringComparer.Ordinal)
    {
        ["advice"] = "my knee hurts going down stairs after a long run",
        ["typos"] = "kneee pain when runing, what streching helps",
        ["urgent"] = "my knee locked and i can't straighten it",
        ["off-topic"] = "how do i fix my shin splints before a marathon",
        ["fallback"] = "can you help with my chemistry homework",
    };

    [Params("advice", "typos", "urgent", "off-topic", "fallback")]
    public string Case { get; set; } = "advice";

    [GlobalSetup]
    public void Setup()
    {
        var options = new KnowledgeOptions();
        _engine = new AdviceEngine(KnowledgeBaseLoader.Load(options.Path, options.ResolveSourcesFile()));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public Reply Answer() => _engine.Answer(Text);

    [Benchmark]
    public string AnswerAndRender() => PlainTextRenderer.Render(_engine.Answer(Text));

    private string Text => Questions[Case];
}

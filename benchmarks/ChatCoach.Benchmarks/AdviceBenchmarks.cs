using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Benchmarks;

/// <summary>
/// One message answered end to end: cleaning, sentences, Lucene analysis with spell checking, the red-flag rules,
/// MiniLM sentence vectors (one ONNX Runtime thread), the semantic red-flag net, BM25 and cosine fusion, scope and
/// the reply; and, apart, the embedding alone, so its share shows. Goals (issue 9): median ≤ 15 ms, p99 ≤ 50 ms
/// (the distribution over 1,000 messages comes from <c>-- latency</c>, AdviceTools), the urgent path under 1 ms.
/// A short job so that it runs in minutes on a busy machine.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class AdviceBenchmarks : IDisposable
{
    private AdviceEngine _engine = null!;

    private static readonly Dictionary<string, string> Questions = new(StringComparer.Ordinal)
    {
        ["advice"] = "my knee hurts going down stairs after a long run",
        ["typos"] = "kneee pain when runing, what streching helps",
        ["story"] = "ok so context: ran 3 times this week, 5k, 7k and a long 12k on sunday with the club, legs felt good and the weather was great. but on the long one the front of my knee started aching after 8k and it stayed sore on the stairs at work the next day. is it the long run or my shoes, and what can i do before next sunday?",
        ["urgent"] = "my knee locked and i can't straighten it",
        ["adjacent"] = "how do i fix my shin splints before a marathon",
        ["unrelated"] = "can you help with my chemistry homework",
    };

    [Params("advice", "typos", "story", "urgent", "adjacent", "unrelated")]
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

    /// <summary>Only the sentence vector of the whole message: the embedding's share of <see cref="Answer"/>.</summary>
    [Benchmark]
    public float[][] EmbedOnly() => MiniLmEmbedder.Shared.Embed([Text]);

    private string Text => Questions[Case];
}

/// <summary>
/// Start-up to the first answer, cold each time: load the ONNX model (a separate instance, not the shared one), load
/// the knowledge base, build the indexes (entry and exemplar vectors from data/embeddings.bin), answer one question.
/// Goal: under 2 s.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class AdviceStartupBenchmarks
{
    private readonly string _question = "my knee hurts going down stairs after a long run";

    [Benchmark]
    public Reply StartAndAnswerOnce()
    {
        var options = new KnowledgeOptions();
        using var embedder = MiniLmEmbedder.CreateSeparate();
        using var engine = new AdviceEngine(KnowledgeBaseLoader.Load(options.Path, options.ResolveSourcesFile()), embedder);
        return engine.Answer(_question);
    }
}

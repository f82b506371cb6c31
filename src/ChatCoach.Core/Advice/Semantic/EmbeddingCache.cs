using System.Text;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>
/// Sentence vectors of the engine's fixed texts (entries, scope and red-flag exemplars), computed ahead of time so
/// that start-up does not spend seconds embedding ~1,000 texts on a 2-core machine. Keyed by the exact text: a text
/// that is missing (a new exemplar, an edited entry) is embedded at start instead, so a stale cache costs time,
/// never a wrong answer. A test fails when the cache is stale; <c>benchmarks … -- embeddings</c> rewrites it.
/// Format: "CCEMB1", dimensions, count, then per text its UTF-8 length, bytes and the vector as halves.
/// </summary>
public sealed class EmbeddingCache
{
    public const string ResourceName = "ChatCoach.Core.Advice.embeddings.bin";

    private static readonly byte[] Magic = "CCEMB1"u8.ToArray();

    private readonly Dictionary<string, float[]> _vectors;

    private EmbeddingCache(int dimensions, Dictionary<string, float[]> vectors)
    {
        Dimensions = dimensions;
        _vectors = vectors;
    }

    public int Dimensions { get; }

    public int Count => _vectors.Count;

    public static EmbeddingCache Empty(int dimensions) => new(dimensions, new Dictionary<string, float[]>(StringComparer.Ordinal));

    /// <summary>The cache compiled into this assembly, or an empty one.</summary>
    public static EmbeddingCache LoadEmbedded(int dimensions)
    {
        using var stream = typeof(EmbeddingCache).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? Empty(dimensions) : Read(stream, dimensions);
    }

    public static EmbeddingCache Read(Stream stream, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != dimensions)
        {
            return Empty(dimensions);
        }

        var count = reader.ReadInt32();
        var vectors = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
        for (var n = 0; n < count; n++)
        {
            var text = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
            var vector = new float[dimensions];
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] = (float)BitConverter.UInt16BitsToHalf(reader.ReadUInt16());
            }

            Vectors.Normalize(vector);
            vectors[text] = vector;
        }

        return new EmbeddingCache(dimensions, vectors);
    }

    public bool TryGet(string text, out float[] vector) => _vectors.TryGetValue(text, out vector!);

    /// <summary>Vectors for every text: cached ones looked up, the rest embedded in one batch.</summary>
    public float[][] GetOrEmbed(IReadOnlyList<string> texts, ISentenceEmbedder embedder, out int embedded)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(embedder);
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_vectors.TryGetValue(texts[i], out var vector))
            {
                result[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        embedded = missing.Count;
        const int Batch = 32;
        for (var start = 0; start < missing.Count; start += Batch)
        {
            var slice = missing.Skip(start).Take(Batch).ToList();
            var vectors = embedder.Embed([.. slice.Select(i => texts[i])]);
            for (var k = 0; k < slice.Count; k++)
            {
                result[slice[k]] = vectors[k];
            }
        }

        return result;
    }

    /// <summary>Writes a cache of exactly these texts (to a temporary file, then moved over the target).</summary>
    public static void Write(string path, IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(vectors);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(dimensions);
            var distinct = texts.Select((t, i) => (t, i)).DistinctBy(p => p.t, StringComparer.Ordinal).ToList();
            writer.Write(distinct.Count);
            foreach (var (text, index) in distinct)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                writer.Write(bytes.Length);
                writer.Write(bytes);
                foreach (var value in vectors[index])
                {
                    writer.Write(BitConverter.HalfToUInt16Bits((Half)value));
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>
/// One labelled chat message of a spent set (<c>data/exemplars/topic-labelled.tsv</c>): the set it came from, its kind
/// (advice, adjacent or unrelated; warning signs are never topic neighbours) and, for advice, its right entry ids.
/// </summary>
public sealed record LabelledExample(string Set, string Kind, IReadOnlyList<string> Ids, string Text);

/// <summary>The labelled-neighbours file, compiled in as a resource: <c>set&lt;TAB&gt;kind&lt;TAB&gt;ids&lt;TAB&gt;message</c>.</summary>
public static class LabelledExamples
{
    public const string Resource = "ChatCoach.Core.Advice.exemplars.topic-labelled.tsv";

    public static IReadOnlyList<LabelledExample> Load()
    {
        using var stream = typeof(LabelledExamples).Assembly.GetManifestResourceStream(Resource);
        if (stream is null)
        {
            return [];
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), Resource);
    }

    public static IReadOnlyList<LabelledExample> Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<LabelledExample>();
        foreach (var (number, line) in DataLines.Of(text))
        {
            var parts = line.Split('\t');
            if (parts.Length != 4 || parts[3].Trim().Length == 0
                || parts[1] is not (Exemplars.Advice or Exemplars.Adjacent or Exemplars.Unrelated)
                || parts[1] == Exemplars.Advice && parts[2].Trim().Length == 0)
            {
                throw new FormatException($"{name} line {number}: expected 'set<TAB>advice|adjacent|unrelated<TAB>ids<TAB>message' (ids only, and always, for advice).");
            }

            var ids = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            result.Add(new LabelledExample(parts[0].Trim(), parts[1], ids, parts[3].Trim()));
        }

        return result;
    }
}

/// <summary>A labelled message near the query: its row in <see cref="LabelledIndex"/> and the cosine.</summary>
public readonly record struct LabelledHit(int Row, float Similarity);

/// <summary>
/// The labelled messages' vectors in one contiguous array (rows × dimensions), so the nearest of ~1,300 messages is
/// one pass of dot products. Read-only after construction.
/// </summary>
internal sealed class LabelledIndex
{
    private readonly float[] _matrix;
    private readonly int _dimensions;

    public LabelledIndex(IReadOnlyList<LabelledExample> rows, IReadOnlyList<float[]> vectors, IReadOnlyList<(int Doc, float Share)[]> docs, int dimensions)
    {
        Rows = rows;
        Docs = docs;
        _dimensions = dimensions;
        _matrix = new float[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            vectors[i].AsSpan(0, dimensions).CopyTo(_matrix.AsSpan(i * dimensions, dimensions));
        }
    }

    public IReadOnlyList<LabelledExample> Rows { get; }

    /// <summary>Per row, the entries it votes for and each one's share (a category label spreads over its entries).</summary>
    public IReadOnlyList<(int Doc, float Share)[]> Docs { get; }

    public int Count => Rows.Count;

    /// <summary>Row <paramref name="row"/>'s vector (a copy).</summary>
    public float[] Vector(int row) => _matrix.AsSpan(row * _dimensions, _dimensions).ToArray();

    /// <summary>The <paramref name="keep"/> rows nearest to any of the query vectors, best first.</summary>
    public LabelledHit[] Nearest(IReadOnlyList<float[]> query, int keep)
    {
        if (Rows.Count == 0 || keep <= 0)
        {
            return [];
        }

        var best = new float[Rows.Count];
        Array.Fill(best, -1f);
        foreach (var q in query)
        {
            for (var i = 0; i < best.Length; i++)
            {
                var similarity = Vectors.Dot(q, _matrix.AsSpan(i * _dimensions, _dimensions));
                if (similarity > best[i])
                {
                    best[i] = similarity;
                }
            }
        }

        var order = new int[best.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = new float[best.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = -best[i];
        }

        Array.Sort(keys, order);
        var count = Math.Min(keep, order.Length);
        var hits = new LabelledHit[count];
        for (var i = 0; i < count; i++)
        {
            hits[i] = new LabelledHit(order[i], best[order[i]]);
        }

        return hits;
    }
}

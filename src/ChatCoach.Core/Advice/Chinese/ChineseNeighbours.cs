using System.Text;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// Labelled Chinese messages (the spent sets' advice rows, <c>data/exemplars/neighbours-zh.tsv</c>, written by the
/// benchmark tool <c>zh-neighbours</c>) as neighbours for the topic: the <see cref="K"/> most similar by character
/// unigrams and bigrams (TF-IDF cosine) vote for their entries, and the vote is added to the BM25 score scaled to the
/// best entry. It only reorders entries once a message is routed to advice; the screen and the scope never read it.
/// </summary>
internal sealed class ChineseNeighbours
{
    public const string ResourceName = "ChatCoach.Core.Advice.exemplars.neighbours-zh.tsv";

    // Each row's TF-IDF vector as gram numbers and weights (a dictionary per row cost several MB for ~900 rows).
    private readonly List<(string[] Ids, int[] Grams, float[] Weights)> _rows = [];
    private readonly Dictionary<string, float> _idf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _gramNumber = new(StringComparer.Ordinal);

    public ChineseNeighbours(IEnumerable<(string Message, string[] Ids)> rows, int k, float weight)
    {
        ArgumentNullException.ThrowIfNull(rows);
        K = k;
        Weight = weight;
        var counted = rows.Select(r => (r.Ids, Counts: Grams(ChineseText.Normalize(r.Message)))).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in counted.SelectMany(r => r.Counts.Keys))
        {
            df[gram] = df.GetValueOrDefault(gram) + 1;
        }

        foreach (var (gram, count) in df)
        {
            _idf[gram] = MathF.Log((counted.Count + 1f) / (count + 0.5f));
        }

        foreach (var (ids, counts) in counted)
        {
            var vector = Weigh(counts);
            _rows.Add((ids, [.. vector.Keys.Select(Number)], [.. vector.Values]));
        }
    }

    /// <summary>How many neighbours vote (chosen by the leave-one-set-out tool <c>zh-crossset</c>).</summary>
    public int K { get; }

    /// <summary>The vote's weight against the BM25 score scaled to 1 for the best entry.</summary>
    public float Weight { get; }

    public int Count => _rows.Count;

    /// <summary>No neighbours: the engine ranks by BM25 alone.</summary>
    public static ChineseNeighbours None { get; } = new([], 0, 0f);

    /// <summary>The shipped file (embedded), with the k and weight written in its header; none when absent.</summary>
    public static ChineseNeighbours Shipped => LazyShipped.Value;

    // Read on first use: ~900 rows of character grams are several MB that a bot nobody writes Chinese to need not hold.
    private static readonly Lazy<ChineseNeighbours> LazyShipped = new(LoadShipped);

    /// <summary>Entry id → share of the vote (sums to 1 over the k nearest rows, weighted by similarity).</summary>
    public Dictionary<string, float> Vote(string normalized)
    {
        var votes = new Dictionary<string, float>(StringComparer.Ordinal);
        if (_rows.Count == 0 || K <= 0 || Weight <= 0)
        {
            return votes;
        }

        var query = Weigh(Grams(normalized));
        var numbered = query.Where(p => _gramNumber.ContainsKey(p.Key)).ToDictionary(p => _gramNumber[p.Key], p => p.Value);
        var nearest = _rows.Select(r => (r.Ids, Similarity: Dot(numbered, r.Grams, r.Weights))).Where(p => p.Similarity > 0)
            .OrderByDescending(p => p.Similarity).Take(K).ToList();
        var total = nearest.Sum(p => p.Similarity);
        foreach (var (ids, similarity) in nearest)
        {
            foreach (var id in ids)
            {
                votes[id] = votes.GetValueOrDefault(id) + (similarity / total / ids.Length);
            }
        }

        return votes;
    }

    /// <summary>
    /// The entry with the best fused score: BM25 scaled to the best entry, plus <see cref="Weight"/> × its vote, plus
    /// <paramref name="topicWeight"/> × the topic classifier's probability when one is given.
    /// </summary>
    public int Best(float[] scores, IReadOnlyList<KnowledgeEntry> entries, Dictionary<string, float> votes, float[]? topic = null, float topicWeight = 0)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(votes);
        var max = scores.Length == 0 ? 0 : scores.Max();
        var best = -1;
        var bestScore = float.MinValue;
        for (var doc = 0; doc < scores.Length; doc++)
        {
            var fused = (max > 0 ? scores[doc] / max : 0) + (Weight * votes.GetValueOrDefault(entries[doc].Id)) + (topic is null ? 0 : topicWeight * topic[doc]);
            if (fused > bestScore)
            {
                best = doc;
                bestScore = fused;
            }
        }

        return best;
    }

    /// <summary>Rows of the file: <c>source&lt;TAB&gt;ids&lt;TAB&gt;message</c>; the header line <c># k=5 weight=0.5</c>.</summary>
    public static ChineseNeighbours Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var k = 0;
        var weight = 0f;
        var rows = new List<(string, string[])>();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("# k=", StringComparison.Ordinal))
            {
                var parts = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                k = int.Parse(parts["k"], System.Globalization.CultureInfo.InvariantCulture);
                weight = float.Parse(parts["weight"], System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            rows.Add((fields[2], fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        return new ChineseNeighbours(rows, k, weight);
    }

    private static ChineseNeighbours LoadShipped()
    {
        using var stream = typeof(ChineseNeighbours).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return None;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    // Han characters and their bigrams; Latin words and numbers as one gram each. Punctuation and emoji are dropped.
    private static Dictionary<string, float> Grams(string normalized)
    {
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        var previous = '\0';
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                var w = word.ToString();
                counts[w] = counts.GetValueOrDefault(w) + 1;
                word.Clear();
            }
        }

        foreach (var c in normalized)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                Flush();
                var one = c.ToString();
                counts[one] = counts.GetValueOrDefault(one) + 1;
                if (previous != '\0')
                {
                    var two = string.Concat(previous, c);
                    counts[two] = counts.GetValueOrDefault(two) + 1;
                }

                previous = c;
                continue;
            }

            previous = '\0';
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return counts;
    }

    private Dictionary<string, float> Weigh(Dictionary<string, float> counts)
    {
        var vector = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (gram, count) in counts)
        {
            if (_idf.TryGetValue(gram, out var idf))
            {
                vector[gram] = (1 + MathF.Log(count)) * idf;
            }
        }

        var norm = MathF.Sqrt(vector.Values.Sum(v => v * v));
        if (norm > 0)
        {
            foreach (var gram in vector.Keys.ToList())
            {
                vector[gram] /= norm;
            }
        }

        return vector;
    }

    private int Number(string gram)
    {
        if (!_gramNumber.TryGetValue(gram, out var number))
        {
            number = _gramNumber.Count;
            _gramNumber[gram] = number;
        }

        return number;
    }

    private static float Dot(Dictionary<int, float> query, int[] grams, float[] weights)
    {
        var sum = 0f;
        for (var i = 0; i < grams.Length; i++)
        {
            if (query.TryGetValue(grams[i], out var value))
            {
                sum += value * weights[i];
            }
        }

        return sum;
    }
}

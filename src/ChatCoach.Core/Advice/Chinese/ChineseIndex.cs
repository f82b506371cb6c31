using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// BM25 over the Chinese entries, on SmartCn words (Lucene's hidden-Markov segmenter with its dictionary), after
/// normalising and adding the standard words of colloquial ones. Fields count differently: title 3, tags and
/// questions 2, body 1. Built once; immutable afterwards, and SmartCn keeps a token stream per thread, so searches
/// run concurrently.
/// </summary>
internal sealed class ChineseIndex : IDisposable
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    private readonly SmartChineseAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private readonly Dictionary<string, float>[] _termFrequencies;
    private readonly float[] _lengths;
    private readonly float _averageLength;
    private readonly Dictionary<string, float> _idf;

    public ChineseIndex(IReadOnlyList<KnowledgeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _termFrequencies = new Dictionary<string, float>[entries.Count];
        _lengths = new float[entries.Count];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var doc = 0; doc < entries.Count; doc++)
        {
            var entry = entries[doc];
            var tf = new Dictionary<string, float>(StringComparer.Ordinal);
            Add(tf, entry.Title, 3f);
            Add(tf, string.Join('，', entry.Tags), 2f);
            foreach (var question in entry.Questions)
            {
                Add(tf, question, 2f);
            }

            Add(tf, entry.Body, 1f);
            _termFrequencies[doc] = tf;
            _lengths[doc] = tf.Values.Sum();
            foreach (var term in tf.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        _averageLength = entries.Count == 0 ? 1f : _lengths.Average();
        var n = entries.Count;
        _idf = documentFrequency.ToDictionary(kv => kv.Key, kv => MathF.Log(1f + ((n - kv.Value + 0.5f) / (kv.Value + 0.5f))), StringComparer.Ordinal);
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>The words SmartCn finds in prepared (normalised, expanded) text.</summary>
    public List<string> Words(string prepared)
    {
        var words = new List<string>();
        using var stream = _analyzer.GetTokenStream("text", prepared);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    /// <summary>BM25 score of every entry for the query words (each distinct word once).</summary>
    public float[] Score(IEnumerable<string> queryWords)
    {
        var scores = new float[Entries.Count];
        foreach (var word in queryWords.Distinct(StringComparer.Ordinal))
        {
            if (!_idf.TryGetValue(word, out var idf))
            {
                continue;
            }

            for (var doc = 0; doc < scores.Length; doc++)
            {
                if (_termFrequencies[doc].TryGetValue(word, out var tf))
                {
                    scores[doc] += idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * _lengths[doc] / _averageLength))));
                }
            }
        }

        return scores;
    }

    /// <summary>True when the word occurs in some entry.</summary>
    public bool Knows(string word) => _idf.ContainsKey(word);

    public void Dispose() => _analyzer.Dispose();

    private void Add(Dictionary<string, float> tf, string text, float weight)
    {
        foreach (var word in Words(ChineseSynonyms.Expand(ChineseText.Normalize(text))))
        {
            tf[word] = tf.GetValueOrDefault(word) + weight;
        }
    }
}

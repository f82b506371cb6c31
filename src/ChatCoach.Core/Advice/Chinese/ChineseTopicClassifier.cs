using ChatCoach.Core.Advice.Semantic;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// The Chinese topic classifier (advice10): a <see cref="TopicClassifier"/> over character features (each Han
/// character and its bigrams, hashed as <see cref="LexicalFeatures"/> hashes English terms), trained by the benchmark
/// tool <c>zh-classifier</c> on the labelled neighbours' rows and every Chinese entry's title and example questions,
/// shipped as <c>data/topic-classifier-zh.bin</c>. Its probability joins BM25 and the neighbours' vote once a message
/// is routed to advice; the screen and the scope never read it.
/// </summary>
internal static class ChineseTopicClassifier
{
    public const string Resource = "ChatCoach.Core.Advice.topic-classifier-zh.bin";

    /// <summary>
    /// Fused entry score += this × the classifier's probability of the entry. Leave-one-set-out over the nine Chinese
    /// sets (<c>zh-classifier-crossset</c>, λ 1e-4): 764/835 without, 773 at 0.5, 775 at 1, 776 at 1.5, 2 and 3.
    /// </summary>
    public const float Weight = 1.5f;

    /// <summary>The L2 weight of a training run.</summary>
    public const float Lambda = 1e-4f;

    /// <summary>The compiled-in classifier, or null when none is shipped.</summary>
    public static TopicClassifier? Shipped => LazyShipped.Value;

    // Read on first use, like the neighbours and the SmartCn index.
    private static readonly Lazy<TopicClassifier?> LazyShipped = new(Load);

    /// <summary>A normalised message's features.</summary>
    public static float[] Features(string normalized) => LexicalFeatures.Append([], ChineseText.Tokens(normalized));

    /// <summary>The training rows: each labelled advice message with its entries' shares, then every entry's title and example questions.</summary>
    public static List<(string Text, string Labels, float[] Vector, (int Class, float Share)[] Target)> TrainingRows(
        IEnumerable<(string Message, IReadOnlyList<string> Ids)> labelled, KnowledgeBase chinese)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(chinese);
        var docById = chinese.Entries.Select((e, doc) => (e.Id, doc)).ToDictionary(p => p.Id, p => p.doc, StringComparer.Ordinal);
        var rows = new List<(string, string, float[], (int, float)[])>();
        foreach (var (message, ids) in labelled)
        {
            var known = ids.Where(docById.ContainsKey).ToList();
            if (known.Count > 0)
            {
                rows.Add((message, string.Join(',', known), Features(ChineseText.Normalize(message)), [.. known.Select(id => (docById[id], 1f / known.Count))]));
            }
        }

        foreach (var (entry, doc) in chinese.Entries.Select((e, doc) => (e, doc)))
        {
            foreach (var text in entry.Questions.Prepend(entry.Title))
            {
                rows.Add((text, entry.Id, Features(ChineseText.Normalize(text)), [(doc, 1f)]));
            }
        }

        return rows;
    }

    /// <summary>Per entry (the knowledge base's order), the classifier's probability for a normalised message.</summary>
    public static float[] Probabilities(TopicClassifier classifier, IReadOnlyList<KnowledgeEntry> entries, string normalized)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(entries);
        var p = classifier.Probabilities(Features(normalized));
        var classById = classifier.Classes.Select((id, c) => (id, c)).ToDictionary(x => x.id, x => x.c, StringComparer.Ordinal);
        var perDoc = new float[entries.Count];
        for (var doc = 0; doc < entries.Count; doc++)
        {
            perDoc[doc] = classById.TryGetValue(entries[doc].Id, out var c) ? p[c] : 0;
        }

        return perDoc;
    }

    private static TopicClassifier? Load()
    {
        using var stream = typeof(ChineseTopicClassifier).Assembly.GetManifestResourceStream(Resource);
        return stream is null ? null : TopicClassifier.Read(stream);
    }
}

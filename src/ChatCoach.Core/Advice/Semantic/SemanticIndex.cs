using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>
/// The vectors of every fixed text, computed once at start (from <see cref="EmbeddingCache"/> where it has them):
/// each entry's title, example questions and body passages; the scope exemplars (the entries' titles and questions
/// count as advice exemplars); the red-flag exemplars. Read-only afterwards, so queries run concurrently.
/// </summary>
internal sealed class SemanticIndex
{
    private readonly float[][] _entryVectors;
    private readonly int[] _entryDoc;
    private readonly bool[] _entryIsPassage;
    private readonly Labelled[][] _scope;
    private readonly Labelled[] _flags;
    private readonly Labelled[] _safe;

    /// <summary>The entry whose example questions are themselves warning signs.</summary>
    public const string WarningSignsEntry = "professional-urgent-signs";

    public static readonly string[] ScopeClasses = [Exemplars.Advice, Exemplars.Adjacent, Exemplars.Unrelated];

    public SemanticIndex(
        IReadOnlyList<KnowledgeEntry> entries,
        IReadOnlyList<Exemplar> scope,
        IReadOnlyList<Exemplar> flags,
        ISentenceEmbedder embedder,
        EmbeddingCache cache,
        IReadOnlyList<LabelledExample>? labelled = null)
    {
        labelled ??= [];
        var texts = new List<string>();
        var docs = new List<int>();
        var passages = new List<bool>();
        for (var doc = 0; doc < entries.Count; doc++)
        {
            var entry = entries[doc];
            foreach (var text in new[] { entry.Title }.Concat(entry.Questions))
            {
                texts.Add(text);
                docs.Add(doc);
                passages.Add(false);
            }

            foreach (var passage in Passages(entry))
            {
                texts.Add(passage);
                docs.Add(doc);
                passages.Add(true);
            }
        }

        var entryCount = texts.Count;
        texts.AddRange(scope.Select(e => e.Text));
        texts.AddRange(flags.Select(e => e.Text));
        texts.AddRange(labelled.Select(e => e.Text));
        AllTexts = texts;
        var vectors = cache.GetOrEmbed(texts, embedder, out var embedded);
        EmbeddedAtStart = embedded;
        AllVectors = vectors;

        _entryVectors = vectors[..entryCount];
        EntryQuestions = [.. Enumerable.Range(0, entryCount).Where(i => !passages[i]).Select(i => (docs[i], texts[i], vectors[i]))];
        _entryDoc = [.. docs];
        _entryIsPassage = [.. passages];
        EntryCount = entries.Count;

        var advice = new List<Labelled>();
        for (var i = 0; i < entryCount; i++)
        {
            if (!passages[i])
            {
                advice.Add(new Labelled(Exemplars.Advice, texts[i], vectors[i]));
            }
        }

        var scopeLabelled = scope.Select((e, i) => new Labelled(e.Label, e.Text, vectors[entryCount + i])).ToList();
        foreach (var unknown in scopeLabelled.Where(l => !ScopeClasses.Contains(l.Label)))
        {
            throw new FormatException($"scope exemplar '{unknown.Text}': class '{unknown.Label}' is not one of {string.Join(", ", ScopeClasses)}.");
        }

        advice.AddRange(scopeLabelled.Where(l => l.Label == Exemplars.Advice));
        _scope =
        [
            [.. advice],
            [.. scopeLabelled.Where(l => l.Label == Exemplars.Adjacent)],
            [.. scopeLabelled.Where(l => l.Label == Exemplars.Unrelated)],
        ];

        var flagLabelled = flags.Select((e, i) => new Labelled(e.Label, e.Text, vectors[entryCount + scope.Count + i])).ToList();
        var codes = RedFlagTriage.AllFlags.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in flagLabelled.Where(l => l.Label != Exemplars.Safe && !codes.Contains(l.Label)))
        {
            throw new FormatException($"red-flag exemplar '{unknown.Text}': '{unknown.Label}' is neither a red-flag code nor 'safe'.");
        }

        _flags = [.. flagLabelled.Where(l => l.Label != Exemplars.Safe)];
        // Ordinary knee questions are safe neighbours too, except the entry that lists warning signs itself.
        var warningEntryTexts = entries.Where(e => e.Id == WarningSignsEntry).SelectMany(e => new[] { e.Title }.Concat(e.Questions)).ToHashSet(StringComparer.Ordinal);
        // Labelled chat messages: each votes for its entries; a category label spreads its vote over the category.
        var docsOf = new List<(int Doc, float Share)[]>(labelled.Count);
        foreach (var row in labelled)
        {
            var votes = new List<(int Doc, float Share)>();
            foreach (var id in row.Ids)
            {
                var matching = Enumerable.Range(0, entries.Count).Where(d => entries[d].Id == id).ToList();
                if (matching.Count == 0)
                {
                    matching = [.. Enumerable.Range(0, entries.Count).Where(d => entries[d].Category == id)];
                }

                votes.AddRange(matching.Select(d => (d, 1f / matching.Count)));
            }

            docsOf.Add([.. votes]);
        }

        var labelledStart = entryCount + scope.Count + flags.Count;
        LabelledMessages = new LabelledIndex(labelled, vectors[labelledStart..], docsOf, embedder.Dimensions);
        _safe = [.. flagLabelled.Where(l => l.Label == Exemplars.Safe), .. advice.Where(a => !warningEntryTexts.Contains(a.Text)).Select(a => a with { Label = Exemplars.Safe })];
    }

    /// <summary>Each entry's title and example questions with their vectors (training rows of the topic classifier).</summary>
    public IReadOnlyList<(int Doc, string Text, float[] Vector)> EntryQuestions { get; }

    /// <summary>Every text embedded, in order: what the cache must hold.</summary>
    public IReadOnlyList<string> AllTexts { get; }

    /// <summary>The vectors of <see cref="AllTexts"/>, in order.</summary>
    public IReadOnlyList<float[]> AllVectors { get; }

    /// <summary>How many texts were missing from the cache and embedded at start.</summary>
    public int EmbeddedAtStart { get; }

    public int EntryCount { get; }

    /// <summary>The labelled chat messages of the spent sets (topic and scope neighbours).</summary>
    public LabelledIndex LabelledMessages { get; }

    /// <summary>Per entry, the best cosine between any query vector and its title or example questions, and its passages.</summary>
    public (float[] Questions, float[] Passages) EntrySimilarities(IReadOnlyList<float[]> query)
    {
        var questions = new float[EntryCount];
        var passages = new float[EntryCount];
        Array.Fill(questions, -1f);
        Array.Fill(passages, -1f);
        for (var i = 0; i < _entryVectors.Length; i++)
        {
            var best = _entryIsPassage[i] ? passages : questions;
            foreach (var q in query)
            {
                var similarity = Vectors.Dot(q, _entryVectors[i]);
                if (similarity > best[_entryDoc[i]])
                {
                    best[_entryDoc[i]] = similarity;
                }
            }
        }

        return (questions, passages);
    }

    /// <summary>
    /// Per scope class, for each query vector, the similarities of its nearest exemplars, best first (up to
    /// <paramref name="keep"/>); the class's neighbours are those of the query vector that is closest to it.
    /// </summary>
    public ScopeEvidence[] Scope(IReadOnlyList<float[]> query, int keep)
    {
        var result = new ScopeEvidence[_scope.Length];
        for (var c = 0; c < _scope.Length; c++)
        {
            ScopeEvidence? best = null;
            foreach (var q in query)
            {
                var nearest = Nearest(_scope[c], q, keep);
                var candidate = new ScopeEvidence(ScopeClasses[c], nearest);
                if (best is null || candidate.Mean(1) > best.Mean(1))
                {
                    best = candidate;
                }
            }

            result[c] = best ?? new ScopeEvidence(ScopeClasses[c], []);
        }

        return result;
    }

    /// <summary>Per query vector (sentence), its nearest red-flag exemplar and its nearest safe one.</summary>
    public IReadOnlyList<FlagEvidence> Flags(IReadOnlyList<float[]> chunks)
    {
        var result = new List<FlagEvidence>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var sign = Nearest(_flags, chunk, 1);
            var safe = Nearest(_safe, chunk, 1);
            if (sign.Length > 0)
            {
                result.Add(new FlagEvidence(sign[0], safe.Length > 0 ? safe[0] : null));
            }
        }

        return result;
    }

    private static Neighbour[] Nearest(Labelled[] labelled, float[] query, int keep)
    {
        var top = new List<Neighbour>(keep + 1);
        foreach (var item in labelled)
        {
            var similarity = Vectors.Dot(query, item.Vector);
            if (top.Count < keep || similarity > top[^1].Similarity)
            {
                var at = top.FindIndex(n => n.Similarity < similarity);
                top.Insert(at < 0 ? top.Count : at, new Neighbour(item.Label, item.Text, similarity));
                if (top.Count > keep)
                {
                    top.RemoveAt(top.Count - 1);
                }
            }
        }

        return [.. top];
    }

    /// <summary>An entry's body as passages: each paragraph, and each bullet list with its heading.</summary>
    internal static IEnumerable<string> Passages(KnowledgeEntry entry)
    {
        foreach (var block in entry.BodyBlocks)
        {
            switch (block)
            {
                case Paragraph paragraph:
                    yield return paragraph.Text;
                    break;
                case BulletList list:
                    yield return (list.Heading is null ? "" : list.Heading + ": ") + string.Join("; ", list.Items);
                    break;
            }
        }
    }

    private sealed record Labelled(string Label, string Text, float[] Vector);
}

/// <summary>An exemplar near the message, and how near (cosine).</summary>
public sealed record Neighbour(string Label, string Text, float Similarity);

/// <summary>A scope class's nearest exemplars, best first.</summary>
public sealed record ScopeEvidence(string Class, IReadOnlyList<Neighbour> Nearest)
{
    public float Mean(int k)
    {
        var count = Math.Min(k, Nearest.Count);
        if (count == 0)
        {
            return 0;
        }

        var sum = 0f;
        for (var i = 0; i < count; i++)
        {
            sum += Nearest[i].Similarity;
        }

        return sum / count;
    }
}

/// <summary>A sentence's nearest red-flag exemplar and nearest safe exemplar.</summary>
public sealed record FlagEvidence(Neighbour Sign, Neighbour? Safe)
{
    public float Margin => Sign.Similarity - (Safe?.Similarity ?? 0);
}

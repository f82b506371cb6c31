using System.Globalization;
using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Operations;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// Answers Chinese questions from the Chinese entries. Per message: normalise (Traditional → Simplified, half-width,
/// lower case) → the Chinese red-flag screen → scope (an uncovered running topic with the knee not in question is
/// adjacent; no running, health or knee word is unrelated) → SmartCn words plus the standard words of colloquial
/// ones → BM25 over the entries → the best entry when it scores at least <see cref="MinScore"/>. Built once; safe to
/// call from many threads. The SmartCn index is built for the first message that reaches it (issue 9): its
/// dictionaries cost ~0.5 s of start-up and ~25 MB resident, which a bot nobody writes Chinese to need not carry,
/// while the red-flag screen and the scope in front of it need no index, so an urgent message never waits for it.
/// </summary>
public sealed class ChineseAdviceEngine : IAdviceEngine, IDisposable
{
    /// <summary>The BM25 score below which the best entry is not trusted (tuned on zh-dev.tsv).</summary>
    public const float MinScore = 3f;

    /// <summary>Without a knee, leg or form word the best entry must score this much (tuned on zh-dev.tsv).</summary>
    public const float MinScoreWithoutKnee = 12f;

    private readonly Lazy<ChineseIndex> _index;
    private readonly Dictionary<string, int> _docById;
    private readonly Lazy<ChineseNeighbours> _neighbours;
    private readonly Lazy<TopicClassifier?> _classifier;

    /// <summary>The engine with the shipped labelled neighbours (<see cref="ChineseNeighbours.Shipped"/>).</summary>
    /// <param name="chinese">The Chinese entries.</param>
    /// <param name="indexBuilt">Called once, on the thread that built the index, when it is built (the host trims the memory building it left).</param>
    public ChineseAdviceEngine(KnowledgeBase chinese, Action? indexBuilt = null)
        : this(chinese, new Lazy<ChineseNeighbours>(() => ChineseNeighbours.Shipped), new Lazy<TopicClassifier?>(() => ChineseTopicClassifier.Shipped), indexBuilt)
    {
    }

    /// <summary>The engine with the given neighbours (<see cref="ChineseNeighbours.None"/>: BM25 alone) and topic classifier (none by default), for the tools.</summary>
    internal ChineseAdviceEngine(KnowledgeBase chinese, ChineseNeighbours neighbours, Action? indexBuilt = null, TopicClassifier? classifier = null)
        : this(chinese, new Lazy<ChineseNeighbours>(neighbours ?? throw new ArgumentNullException(nameof(neighbours))), new Lazy<TopicClassifier?>(classifier), indexBuilt)
    {
    }

    // The shipped neighbours and classifier are read on the first Chinese message (several MB, like the SmartCn index).
    private ChineseAdviceEngine(KnowledgeBase chinese, Lazy<ChineseNeighbours> neighbours, Lazy<TopicClassifier?> classifier, Action? indexBuilt)
    {
        ArgumentNullException.ThrowIfNull(chinese);
        _neighbours = neighbours;
        _classifier = classifier;
        Knowledge = chinese;
        _index = new(
            () =>
            {
                var index = new ChineseIndex(chinese.Entries);
                // The ranking's other parts are read with the index, so that the trim after it covers them too.
                _ = neighbours.Value;
                _ = classifier.Value;
                StartupTrace.Mark("Chinese index built");
                indexBuilt?.Invoke();
                return index;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
        _docById = chinese.Entries.Select((e, doc) => (e.Id, doc)).ToDictionary(p => p.Id, p => p.doc, StringComparer.Ordinal);
    }

    public KnowledgeBase Knowledge { get; }

    public Reply Answer(string? question) => Diagnose(question).Reply;

    /// <summary>Whether the SmartCn index has been built (for tests and the start-up trace).</summary>
    internal bool IsIndexBuilt => _index.IsValueCreated;

    public void Dispose()
    {
        if (_index.IsValueCreated)
        {
            _index.Value.Dispose();
        }
    }

    /// <summary>The reply, the route it took and why, for tests and the labelled sets.</summary>
    internal ChineseDiagnosis Diagnose(string? question)
    {
        // The neighbours are read only for a message routed to advice: an urgent one never waits for them.
        var (done, scores, prepared, words) = Route(question);
        return done ?? Rank(scores!, prepared, words, _neighbours.Value);
    }

    /// <summary>As <see cref="Diagnose(string?)"/>, ranking with the given neighbours (the leave-one-set-out tool).</summary>
    internal ChineseDiagnosis Diagnose(string? question, ChineseNeighbours neighbours)
    {
        var (done, scores, prepared, words) = Route(question);
        return done ?? Rank(scores!, prepared, words, neighbours);
    }

    /// <summary>The screen and the scope: a finished diagnosis, or the BM25 scores of a message routed to advice.</summary>
    internal (ChineseDiagnosis? Done, float[]? Scores, string Prepared, List<string> Words) Route(string? question)
    {
        var text = (question ?? "").Trim();
        if (text.Length > AdviceEngine.MaxChars)
        {
            text = text[..AdviceEngine.MaxChars];
        }

        if (text.Length == 0)
        {
            return (new(ChineseReplies.Prompt(), "empty", ""), null, "", []);
        }

        var normalized = ChineseText.Normalize(text);
        if (ChineseRedFlags.Screen(normalized) is { } match)
        {
            return (new(ChineseReplies.Urgent(match.Flag) with { Why = match.Rule }, "urgent", match.Rule), null, "", []);
        }

        if (ChineseScope.IsDeviceFault(normalized))
        {
            return (new(ChineseReplies.Fallback(), "unrelated", "a device fault, no body word"), null, "", []);
        }

        if (ChineseScope.IsChatLine(normalized))
        {
            return (new(ChineseReplies.Fallback(), "unrelated", "a chat line (weather, a meet-up), no body word"), null, "", []);
        }

        normalized = ChineseScope.WithoutFeelingIdioms(normalized);
        var running = ChineseScope.IsRunningOrHealth(normalized);
        var knee = ChineseScope.IsAboutKneeOrLegs(normalized);
        if (!running && !knee)
        {
            return (new(ChineseReplies.Fallback(), "unrelated", "no running, health or knee word"), null, "", []);
        }

        if (ChineseScope.IsAdjacentTopic(normalized))
        {
            return (new(ChineseReplies.OffTopic(), "adjacent", "an uncovered running topic"), null, "", []);
        }

        var words = _index.Value.Words(ChineseSynonyms.Expand(ChineseScope.WithoutNegatedSigns(normalized)));
        var scores = _index.Value.Score(words);
        var top = Top(scores);
        if (top < 0 || scores[top] < (knee ? MinScore : MinScoreWithoutKnee))
        {
            var why = top < 0 ? "no entries" : string.Create(CultureInfo.InvariantCulture, $"best {_index.Value.Entries[top].Id} {scores[top]:0.00}");
            return (new(ChineseReplies.OffTopic() with { Why = why }, "adjacent", why), null, "", []);
        }

        return (null, scores, normalized, words);
    }

    private static int Top(float[] scores)
    {
        var top = -1;
        for (var doc = 0; doc < scores.Length; doc++)
        {
            if (top < 0 || scores[doc] > scores[top])
            {
                top = doc;
            }
        }

        return top;
    }

    // The entry: BM25's best, or with neighbours the best of BM25 scaled to 1 plus the neighbours' vote.
    private ChineseDiagnosis Rank(float[] scores, string prepared, List<string> words, ChineseNeighbours neighbours)
    {
        var votes = neighbours.Vote(prepared);
        var topic = _classifier.Value is { } classifier ? ChineseTopicClassifier.Probabilities(classifier, _index.Value.Entries, prepared) : null;
        var top = votes.Count == 0 && topic is null ? Top(scores) : neighbours.Best(scores, _index.Value.Entries, votes, topic, ChineseTopicClassifier.Weight);
        var entry = _index.Value.Entries[top];
        var related = entry.Related
            .Where(_docById.ContainsKey)
            .Select(id => _docById[id])
            .OrderByDescending(doc => scores[doc])
            .Select(doc => _index.Value.Entries[doc]);
        var because = string.Create(CultureInfo.InvariantCulture, $"bm25 {entry.Id} {scores[top]:0.00}{(votes.Count == 0 ? "" : $" vote {votes.GetValueOrDefault(entry.Id):0.00}")}{(topic is null ? "" : $" classifier {topic[top]:0.00}")}: {string.Join(' ', words.Take(20))}");
        return new(ChineseReplies.Advice(entry, related, Knowledge) with { Why = because }, "advice", because);
    }
}

/// <summary>A Chinese reply and how it was reached.</summary>
internal sealed record ChineseDiagnosis(Reply Reply, string Route, string Why);

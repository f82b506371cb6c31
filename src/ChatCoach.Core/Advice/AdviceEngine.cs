using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using ChatCoach.Core.Advice.Analysis;
using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Conversation;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Answers knee questions from the knowledge base. Per message: clean the text → split it into sentences → surface
/// words (Lucene StandardTokenizer, possessives, lower case, spell check) → red-flag rules over the whole message →
/// sentence vectors (MiniLM) → the semantic red-flag net → BM25 and cosine scores per entry, fused → scope from the
/// nearest exemplars: advice, adjacent (running or health but not the knee) or unrelated. Built once at start; every
/// field is immutable afterwards, Lucene keeps its token streams per thread and ONNX Runtime's Run is thread-safe,
/// so answers run concurrently. docs/advice-engine.md describes each step.
/// </summary>
public sealed partial class AdviceEngine : IAdviceEngine, IDisposable
{
    /// <summary>Longer than any chat platform allows (Telegram 4,096, Discord 2,000): the rest is not read.</summary>
    public const int MaxChars = 8000;

    /// <summary>Retrieval looks at this many words; the red-flag rules read all of them (up to <see cref="MaxTriageWords"/>).</summary>
    public const int MaxWords = 200;

    public const int MaxTriageWords = 2000;

    /// <summary>A message is embedded in at most this many chunks of sentences.</summary>
    public const int MaxChunks = 6;

    /// <summary>Nearest exemplars kept per scope class (the tuning uses up to this many).</summary>
    public const int MaxNeighbours = 5;

    /// <summary>Nearest labelled chat messages kept per message (enough for the tuning's k after leaving sets out).</summary>
    public const int MaxLabelledHits = 60;

    // A word the spell checker supplied counts a little less than a typed one.
    internal const float CorrectedWeight = 0.8f;

    // "Runner's knee" is the bot's whole subject: it places a question but hardly tells entries apart.
    internal const float DomainWordWeight = 0.3f;

    private readonly AdviceAnalysis _analysis;
    private readonly KnowledgeIndex _index;
    private readonly SemanticIndex _semantic;
    private readonly ISentenceEmbedder _embedder;
    private readonly PreparedEntry[] _prepared;
    private readonly int[][] _related;
    private readonly FrozenDictionary<string, Impact[]>.AlternateLookup<ReadOnlySpan<char>> _impacts;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _bestScores;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _termWeights;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _domainTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _kneeTerms;
    private readonly FrozenSet<string> _kneeWords = Lexicon.KneeWords.ToFrozenSet(StringComparer.Ordinal);

    private readonly TopicClassifier? _classifier;
    private readonly int[] _classDoc = [];

    public AdviceEngine(KnowledgeBase knowledge, ISentenceEmbedder? embedder = null, EmbeddingCache? cache = null, AdviceTuning? tuning = null, TopicClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        Knowledge = knowledge;
        Tuning = tuning ?? AdviceTuning.Default;
        _embedder = embedder ?? DeferredMiniLmEmbedder.Instance;
        _analysis = AdviceAnalysis.Create();
        _analysis.UseVocabulary(BuildCorrector(knowledge, _analysis));
        _index = new KnowledgeIndex(knowledge.Entries, _analysis);
        _impacts = _index.Impacts.GetAlternateLookup<ReadOnlySpan<char>>();
        _bestScores = _index.BestScores.GetAlternateLookup<ReadOnlySpan<char>>();
        _termWeights = _index.TermWeights.GetAlternateLookup<ReadOnlySpan<char>>();
        _prepared = [.. _index.Entries.Select(e => AdviceReplies.Prepare(e, knowledge))];
        var docById = _index.Entries.Select((e, doc) => (e.Id, doc)).ToDictionary(p => p.Id, p => p.doc, StringComparer.Ordinal);
        _related = [.. _index.Entries.Select(e => e.Related.Where(docById.ContainsKey).Select(id => docById[id]).ToArray())];
        _kneeTerms = TermSet(Lexicon.KneeWords);
        _domainTerms = TermSet(Lexicon.DomainWords);
        _semantic = new SemanticIndex(_index.Entries, Exemplars.Scope(), Exemplars.RedFlags(), _embedder,
            cache ?? EmbeddingCache.LoadEmbedded(_embedder.Dimensions), LabelledExamples.Load());
        _classifier = classifier ?? TopicClassifier.LoadEmbedded();
        if (_classifier is not null)
        {
            _classDoc = ClassDocs(_classifier);
        }
    }

    /// <summary>The shipped topic classifier (null when none is compiled in).</summary>
    internal TopicClassifier? Classifier => _classifier;

    /// <summary>Entry ids in index order: the classes a topic classifier is trained on.</summary>
    internal IReadOnlyList<string> EntryIds => [.. _index.Entries.Select(e => e.Id)];

    /// <summary>
    /// The topic classifier's training rows: every labelled advice message (of the sets not left out) with its
    /// entries' shares, then every entry's title and example questions.
    /// </summary>
    internal List<(string? Set, string Text, string Labels, float[] Vector, (int Class, float Share)[] Target)> TopicTrainingRows(IReadOnlyCollection<string>? leaveOut = null)
    {
        var labelled = _semantic.LabelledMessages;
        var rows = new List<(string?, string, string, float[], (int, float)[])>();
        for (var i = 0; i < labelled.Count; i++)
        {
            var row = labelled.Rows[i];
            if (row.Kind != Exemplars.Advice || labelled.Docs[i].Length == 0 || leaveOut?.Contains(row.Set) == true)
            {
                continue;
            }

            var total = labelled.Docs[i].Sum(d => d.Share);
            rows.Add((row.Set, row.Text, string.Join(',', row.Ids), LexicalFeatures.Append(labelled.Vector(i), TermsOf(row.Text)), [.. labelled.Docs[i].Select(d => (d.Doc, d.Share / total))]));
        }

        foreach (var (doc, text, vector) in _semantic.EntryQuestions)
        {
            rows.Add((null, text, _index.Entries[doc].Id, LexicalFeatures.Append(vector, TermsOf(text)), [(doc, 1f)]));
        }

        return rows;
    }

    /// <summary>Per entry (index order), a classifier's probability for the message's focus vectors.</summary>
    internal float[] TopicProbabilities(TopicClassifier classifier, Evidence evidence) => TopicProbabilities(classifier, ClassDocs(classifier), evidence.Focus, evidence.Terms);

    private float[] TopicProbabilities(TopicClassifier classifier, int[] classDoc, IReadOnlyList<float[]> focus, IReadOnlyList<string> terms)
    {
        var perDoc = new float[_index.Entries.Count];
        if (focus.Count == 0)
        {
            return perDoc;
        }

        // A classifier trained with word features reads them beside each sentence vector.
        var p = classifier.Probabilities(classifier.Dimensions > focus[0].Length ? [.. focus.Select(v => LexicalFeatures.Append(v, terms))] : focus);
        for (var c = 0; c < p.Length; c++)
        {
            if (classDoc[c] >= 0)
            {
                perDoc[classDoc[c]] += p[c];
            }
        }

        return perDoc;
    }

    private int[] ClassDocs(TopicClassifier classifier)
    {
        // A class whose entry is gone gives its probability to no entry.
        var docById = _index.Entries.Select((e, doc) => (e.Id, doc)).ToDictionary(p => p.Id, p => p.doc, StringComparer.Ordinal);
        return [.. classifier.Classes.Select(id => docById.TryGetValue(id, out var doc) ? doc : -1)];
    }

    public KnowledgeBase Knowledge { get; }

    public AdviceTuning Tuning { get; }

    internal KnowledgeIndex Index => _index;

    internal AdviceAnalysis Analysis => _analysis;

    /// <summary>Every fixed text the engine embeds (for the embedding cache).</summary>
    internal IReadOnlyList<string> EmbeddedTexts => _semantic.AllTexts;

    internal IReadOnlyList<float[]> EmbeddedVectors => _semantic.AllVectors;

    /// <summary>Texts the cache lacked, embedded at start.</summary>
    internal int EmbeddedAtStart => _semantic.EmbeddedAtStart;

    public Reply Answer(string? question) => Diagnose(question).Reply;

    /// <summary>
    /// Loads the sentence model and answers one message of each path (rules, vectors, scope, retrieval), so that
    /// the first person to ask does not pay for ONNX Runtime's first run and the JIT. Run in the background at start
    /// (<see cref="AdviceWarmUp"/>); safe beside real answers.
    /// </summary>
    public void WarmUp()
    {
        foreach (var message in WarmUpMessages)
        {
            Answer(message);
        }
    }

    internal static readonly string[] WarmUpMessages =
    [
        "my knee hurts going down stairs after a long run, what can i do?",
        "my knee locked and i can't straighten it",
        "what's the weather tomorrow",
    ];

    public void Dispose()
    {
        _index.Dispose();
        _analysis.Dispose();
    }

    /// <summary>The reply and how it was reached.</summary>
    internal Diagnosis Diagnose(string? question)
    {
        var diagnosis = Decide(Gather(question), Tuning);
        return diagnosis with { Reply = diagnosis.Reply with { Why = diagnosis.Why } };
    }

    /// <summary>Everything the decision needs, computed once: so calibration can try many tunings cheaply.</summary>
    /// <param name="question">The message.</param>
    /// <param name="readRules">False only to measure the semantic net alone (the <c>net</c> tool).</param>
    internal Evidence Gather(string? question, bool readRules = true)
    {
        var text = Clean(question);
        if (text.Length == 0)
        {
            return Evidence.Fixed(AdviceReplies.Prompt, "empty");
        }

        var (latin, other) = CountLetters(text);
        if (latin == 0 && other == 0)
        {
            return Evidence.Fixed(AdviceReplies.NoWords, "no-words");
        }

        if (latin == 0 || other > latin)
        {
            return Evidence.Fixed(AdviceReplies.NotEnglish, "not-english");
        }

        // Sentences, each analysed on its own so that the rules know where one ends ("." between them).
        var sentences = new List<List<string>>();
        var triageWords = new List<string>();
        ulong correctedAt = 0;
        var retrievalWords = new List<string>();
        var questions = new List<string>();
        foreach (var sentence in SplitSentences(text))
        {
            var words = new List<string>();
            var corrected = SurfaceWords(sentence, words);
            if (words.Count == 0)
            {
                continue;
            }

            for (var i = 0; i < words.Count && retrievalWords.Count < MaxWords; i++)
            {
                if (retrievalWords.Count < 64 && (corrected & (1UL << i)) != 0)
                {
                    correctedAt |= 1UL << retrievalWords.Count;
                }

                retrievalWords.Add(words[i]);
            }

            if (triageWords.Count > 0)
            {
                triageWords.Add(RedFlagTriage.SentenceBreak);
            }

            triageWords.AddRange(words);

            // What the sentence says, for the vectors: negated words dropped ("no swelling, doesn't lock, just aches"
            // → "just aches"), since sentence vectors barely notice a "no".
            var said = new List<string>(words.Count);
            for (var i = 0; i < words.Count; i++)
            {
                if (!Negation.Negators.Contains(words[i]) && !Negation.IsNegated(words, i))
                {
                    said.Add(words[i]);
                }
            }

            sentences.Add(said);
            if (said.Count > 0 && IsQuestion(sentence, said))
            {
                questions.AddRange(said);
            }
            if (triageWords.Count >= MaxTriageWords)
            {
                break;
            }
        }

        if (retrievalWords.Count == 0)
        {
            return Evidence.Fixed(AdviceReplies.NoWords, "no-words");
        }

        if (readRules && RedFlagTriage.Check(triageWords) is { } match)
        {
            return new Evidence(retrievalWords) { Rule = match };
        }

        var chunks = Chunks(sentences);
        if (chunks.Length == 0)
        {
            chunks = [string.Join(' ', retrievalWords)];
        }
        // In a story with a question in it, the question says which entry is wanted: it gets a vector of its own.
        var asked = sentences.Count > 1 && questions.Count > 0 && questions.Count < retrievalWords.Count ? string.Join(' ', questions) : null;
        var embedded = _embedder.EmbedQueries(asked is null ? chunks : [.. chunks, asked]);
        var vectors = embedded[..chunks.Length];
        var query = vectors.Length > 1
            ? [Vectors.Mean(vectors, [.. chunks.Select(c => (float)c.Length)]), .. vectors]
            : vectors;
        IReadOnlyList<float[]> focus = asked is null ? query : [query[0], embedded[^1]];

        var bm25 = Bm25(retrievalWords, correctedAt);
        var terms = TermsOf(retrievalWords);
        var knee = retrievalWords.Any(_kneeWords.Contains);
        return new Evidence(retrievalWords)
        {
            Chunks = chunks,
            Query = query,
            // safety10: a sign the message describes only as denied and over ("not swollen, not warm, fine by the next
            // day") is not raised by the net; its vectors cannot see the "not".
            Flags = RedFlagTriage.DeniedSigns(triageWords) is { Count: > 0 } denied
                ? [.. _semantic.Flags(vectors).Where(f => !denied.Contains(f.Sign.Label))]
                : _semantic.Flags(vectors),
            Bm25 = bm25,
            Knee = knee,
            Dense = _semantic.EntrySimilarities(query),
            FocusDense = _semantic.EntrySimilarities(focus),
            Scope = _semantic.Scope(query, MaxNeighbours),
            FocusScope = _semantic.Scope(focus, MaxNeighbours),
            Labelled = _semantic.LabelledMessages.Nearest(focus, MaxLabelledHits),
            Focus = focus,
            Terms = terms,
            Topic = _classifier is null ? null : TopicProbabilities(_classifier, _classDoc, focus, terms),
        };
    }

    /// <summary>The decision, from the evidence and the tuning: a pure function.</summary>
    /// <param name="evidence">What <see cref="Gather"/> found.</param>
    /// <param name="tuning">The numbers.</param>
    /// <param name="leaveOut">Labelled sets whose messages may not be neighbours (honest scoring of those sets).</param>
    /// <param name="explain">False when only the route counts (calibration tries thousands of tunings).</param>
    /// <param name="topic">Per entry, another topic classifier's probabilities (leave-one-set-out); else the shipped one's.</param>
    internal Diagnosis Decide(Evidence evidence, AdviceTuning tuning, IReadOnlyCollection<string>? leaveOut = null, bool explain = true, float[]? topic = null)
    {
        if (evidence.FixedReply is { } fixedReply)
        {
            return new Diagnosis(fixedReply, evidence.FixedRoute!, evidence.Words) { Why = evidence.FixedRoute! };
        }

        if (evidence.Rule is { } rule)
        {
            return new Diagnosis(AdviceReplies.Urgent(rule.Flag), "urgent", evidence.Words)
            {
                Flag = rule.Flag,
                Why = $"red-flag rule {rule.Rule} ({rule.Flag.Code})",
            };
        }

        // The semantic second net: a sentence close to a sign's exemplars, and clearly closer to them than to any
        // ordinary complaint or idiom.
        FlagEvidence? flag = null;
        foreach (var candidate in evidence.Flags)
        {
            if (candidate.Sign.Similarity >= tuning.FlagSimilarity && candidate.Margin >= tuning.FlagMargin
                && (flag is null || candidate.Sign.Similarity > flag.Sign.Similarity))
            {
                flag = candidate;
            }
        }

        if (flag is not null)
        {
            var sign = RedFlagTriage.AllFlags.First(f => f.Code == flag.Sign.Label);
            return new Diagnosis(AdviceReplies.Urgent(sign), "urgent-semantic", evidence.Words)
            {
                Flag = sign,
                Why = string.Create(CultureInfo.InvariantCulture,
                    $"semantic red flag {sign.Code}: \"{flag.Sign.Text}\" {flag.Sign.Similarity:F2}, nearest safe \"{flag.Safe?.Text}\" {flag.Safe?.Similarity ?? 0:F2}"),
            };
        }

        var source = tuning.QuestionFocus ? evidence.FocusDense : evidence.Dense;
        var dense = new float[source.Questions.Length];
        for (var doc = 0; doc < dense.Length; doc++)
        {
            dense[doc] = (1 - tuning.PassageMix) * source.Questions[doc] + tuning.PassageMix * source.Passages[doc];
        }

        // The labelled neighbours' vote: the k nearest labelled advice messages, each weighted by its cosine, share
        // out one unit of vote among the entries they are labelled with.
        var labelled = _semantic.LabelledMessages;
        var vote = new float[dense.Length];
        var voters = new List<LabelledHit>(tuning.TopicNeighbours);
        float[]? nearestOfClass = tuning.LabelledScope ? [-1f, -1f, -1f] : null;
        foreach (var hit in evidence.Labelled)
        {
            var row = labelled.Rows[hit.Row];
            if (leaveOut is not null && leaveOut.Contains(row.Set))
            {
                continue;
            }

            if (nearestOfClass is not null)
            {
                var c = Array.IndexOf(SemanticIndex.ScopeClasses, row.Kind);
                nearestOfClass[c] = Math.Max(nearestOfClass[c], hit.Similarity);
            }

            if (row.Kind == Exemplars.Advice && voters.Count < tuning.TopicNeighbours)
            {
                voters.Add(hit);
            }
        }

        // No voter with a positive cosine leaves the vote at zero (never a 0/0 that would poison every fused score).
        var voteTotal = voters.Sum(v => Math.Max(0f, v.Similarity));
        foreach (var voter in voteTotal > 0 ? voters : [])
        {
            foreach (var (doc, share) in labelled.Docs[voter.Row])
            {
                vote[doc] += share * Math.Max(0f, voter.Similarity) / voteTotal;
            }
        }

        // The topic classifier's probability, beside the vote.
        topic = tuning.TopicClassifierWeight > 0 ? topic ?? evidence.Topic : null;
        var fused = new float[dense.Length];
        var top = 0;
        for (var doc = 0; doc < fused.Length; doc++)
        {
            var lexical = evidence.Bm25[doc];
            fused[doc] = dense[doc] + tuning.Bm25Weight * lexical / (lexical + tuning.Bm25HalfScore) + tuning.TopicVoteWeight * vote[doc]
                + (topic is null ? 0 : tuning.TopicClassifierWeight * topic[doc]);
            if (fused[doc] > fused[top])
            {
                top = doc;
            }
        }

        var scope = tuning.QuestionFocus ? evidence.FocusScope : evidence.Scope;
        var topLexical = evidence.Bm25[top];
        var adviceScore = scope[0].Mean(tuning.Neighbours) + (evidence.Knee ? tuning.KneeBonus : 0)
            + tuning.LexicalBonus * topLexical / (topLexical + tuning.LexicalHalfScore);
        var adjacentScore = scope[1].Mean(tuning.Neighbours) + tuning.AdjacentBias;
        var unrelatedScore = scope[2].Mean(tuning.Neighbours) + tuning.UnrelatedBias;
        if (nearestOfClass is not null)
        {
            // Labelled chat messages as scope exemplars too: a class scores its nearest, written or labelled.
            adviceScore = Math.Max(adviceScore, nearestOfClass[0] + (evidence.Knee ? tuning.KneeBonus : 0)
                + tuning.LexicalBonus * topLexical / (topLexical + tuning.LexicalHalfScore));
            adjacentScore = Math.Max(adjacentScore, nearestOfClass[1] + tuning.AdjacentBias);
            unrelatedScore = Math.Max(unrelatedScore, nearestOfClass[2] + tuning.UnrelatedBias);
        }

        var isAdvice = adviceScore >= adjacentScore && adviceScore >= unrelatedScore
            && scope[0].Mean(1) >= tuning.MinAdviceSimilarity;
        var why = explain ? Explain(scope, adviceScore, adjacentScore, unrelatedScore, top, dense[top], topLexical, voters, vote, topic) : "";
        Diagnosis Make(Reply reply, string route) => new(reply, route, evidence.Words)
        {
            TopDoc = top,
            TopScore = fused[top],
            Why = why,
            Chunks = evidence.Chunks,
        };

        if (isAdvice)
        {
            return Make(AdviceReplies.Advice(_prepared[top], AlsoTry(top, fused)), "advice");
        }

        return adjacentScore >= unrelatedScore
            ? Make(AdviceReplies.OffTopic(null), "adjacent")
            : Make(AdviceReplies.Fallback, "unrelated");
    }

    private string Explain(ScopeEvidence[] scope, float advice, float adjacent, float unrelated, int top, float dense, float bm25, List<LabelledHit> voters, float[] vote, float[]? topic)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scope advice {advice:F2}, adjacent {adjacent:F2}, unrelated {unrelated:F2}; nearest: ");
        var nearest = scope.SelectMany(s => s.Nearest.Take(1)).OrderByDescending(n => n.Similarity);
        text.AppendJoin(", ", nearest.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Label} \"{n.Text}\" {n.Similarity:F2}")));
        text.Append(CultureInfo.InvariantCulture, $"; best entry {_prepared[top].Entry.Id} (cosine {dense:F2}, bm25 {bm25:F1}, vote {vote[top]:F2})");
        if (voters.Count > 0)
        {
            // The nearest labelled messages that voted, so a choice can be traced to the messages behind it.
            text.Append("; nearest labelled: ");
            text.AppendJoin(", ", voters.Take(3).Select(v =>
            {
                var row = _semantic.LabelledMessages.Rows[v.Row];
                return string.Create(CultureInfo.InvariantCulture, $"{row.Set} \"{row.Text}\" {v.Similarity:F2} → {string.Join('+', row.Ids)}");
            }));
        }

        if (topic is not null)
        {
            // The classifier's three likeliest entries, so its part in the choice can be read off.
            text.Append("; classifier: ");
            text.AppendJoin(", ", Enumerable.Range(0, topic.Length).OrderByDescending(d => topic[d]).Take(3)
                .Select(d => string.Create(CultureInfo.InvariantCulture, $"{_prepared[d].Entry.Id} {topic[d]:F2}")));
        }
        return text.ToString();
    }

    /// <summary>BM25 scores per entry over the retrieval words (negated words and spell-corrected words weigh less).</summary>
    private float[] Bm25(List<string> words, ulong correctedAt)
    {
        var joined = string.Join(' ', words);
        var negatedAt = Negated(words);
        var scores = new float[_prepared.Length];
        var seen = new List<Impact[]>(8);
        using var stream = _analysis.Terms.GetTokenStream("q", joined);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var span = term.Buffer.AsSpan(0, term.Length);
            if (!_impacts.TryGetValue(span, out var impacts) || seen.Contains(impacts))
            {
                continue;
            }

            seen.Add(impacts);
            var word = WordIndex(joined, offset.StartOffset);
            if (word < 64 && (negatedAt & (1UL << word)) != 0 && !_kneeTerms.Contains(span))
            {
                continue;
            }

            _termWeights.TryGetValue(span, out var weight);
            if (word < 64 && (correctedAt & (1UL << word)) != 0)
            {
                weight *= CorrectedWeight;
            }

            if (_domainTerms.Contains(span))
            {
                weight *= DomainWordWeight;
            }

            foreach (var impact in impacts)
            {
                scores[impact.Doc] += weight * impact.Score;
            }
        }

        stream.End();
        return scores;
    }

    /// <summary>Sentences joined into at most <see cref="MaxChunks"/> chunks; a very short sentence joins the next.</summary>
    private static string[] Chunks(List<List<string>> sentences)
    {
        var chunks = new List<string>();
        var current = new List<string>();
        foreach (var sentence in sentences)
        {
            current.AddRange(sentence);
            if (current.Count >= 4)
            {
                chunks.Add(string.Join(' ', current));
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            if (chunks.Count > 0)
            {
                chunks[^1] += " " + string.Join(' ', current);
            }
            else
            {
                chunks.Add(string.Join(' ', current));
            }
        }

        // Too many: merge neighbours pairwise until they fit.
        while (chunks.Count > MaxChunks)
        {
            var merged = new List<string>((chunks.Count + 1) / 2);
            for (var i = 0; i < chunks.Count; i += 2)
            {
                merged.Add(i + 1 < chunks.Count ? chunks[i] + " " + chunks[i + 1] : chunks[i]);
            }

            chunks = merged;
        }

        return [.. chunks];
    }

    private static readonly FrozenSet<string> QuestionWords = new[]
    {
        "how", "what", "whats", "what's", "why", "should", "is", "can", "do", "does", "any", "anything", "which", "when",
        "where", "could", "would", "will", "are", "am", "tips", "advice", "help", "ideas",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A sentence that asks: it ends in "?" or opens with a question word.</summary>
    private static bool IsQuestion(string sentence, List<string> words) =>
        sentence.TrimEnd().EndsWith('?') || words.Count > 0 && QuestionWords.Contains(words[0]);

    /// <summary>Splits at sentence ends (. ! ? ; and line breaks) that are followed by a space or the end.</summary>
    internal static IEnumerable<string> SplitSentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '\n' or ';' or '!' or '?'
                || c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))
                    && !PauseBeforePreposition(text, i);
            if (end)
            {
                if (i > start)
                {
                    yield return c == '?' ? text[start..(i + 1)] : text[start..i];
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static readonly string[] ContinuingWords = ["to ", "of ", "for ", "with ", "in ", "on ", "at ", "from "];

    /// <summary>"gave way... to temptation": dots before a preposition are a pause inside the sentence, not its end.</summary>
    private static bool PauseBeforePreposition(string text, int dot)
    {
        if (dot == 0 || text[dot - 1] != '.')
        {
            return false;
        }

        var next = dot + 1;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        var rest = text.AsSpan(next);
        foreach (var word in ContinuingWords)
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entry's related entries, best-scoring for this question first; else close runners-up.</summary>
    private IEnumerable<PreparedEntry> AlsoTry(int doc, float[] scores)
    {
        var related = _related[doc];
        if (related.Length > 0)
        {
            var order = (int[])related.Clone();
            // Stable: ties keep the order the entry lists them in.
            var keys = new float[order.Length];
            for (var i = 0; i < order.Length; i++)
            {
                keys[i] = -scores[order[i]] + i * 1e-6f;
            }

            Array.Sort(keys, order);
            return order.Select(d => _prepared[d]);
        }

        var threshold = scores[doc] * 0.9f;
        return Enumerable.Range(0, scores.Length)
            .Where(d => d != doc && scores[d] >= threshold && scores[d] > 0)
            .OrderByDescending(d => scores[d])
            .Select(d => _prepared[d]);
    }

    /// <summary>What <see cref="Gather"/> found.</summary>
    internal sealed record Evidence(IReadOnlyList<string> Words)
    {
        public Reply? FixedReply { get; init; }

        public string? FixedRoute { get; init; }

        public RedFlagMatch? Rule { get; init; }

        public IReadOnlyList<string> Chunks { get; init; } = [];

        public IReadOnlyList<float[]> Query { get; init; } = [];

        public IReadOnlyList<FlagEvidence> Flags { get; init; } = [];

        public float[] Bm25 { get; init; } = [];

        public bool Knee { get; init; }

        public (float[] Questions, float[] Passages) Dense { get; init; } = ([], []);

        public ScopeEvidence[] Scope { get; init; } = [];

        public (float[] Questions, float[] Passages) FocusDense { get; init; } = ([], []);

        public ScopeEvidence[] FocusScope { get; init; } = [];

        /// <summary>The nearest labelled chat messages, best first (of every set: leaving sets out is the decision's).</summary>
        public LabelledHit[] Labelled { get; init; } = [];

        /// <summary>The vectors the entries are matched on (the gist, and the question when one is asked).</summary>
        public IReadOnlyList<float[]> Focus { get; init; } = [];

        /// <summary>The message's index terms (synonyms, stop words, stems), the topic classifier's word features.</summary>
        public IReadOnlyList<string> Terms { get; init; } = [];

        /// <summary>Per entry, the shipped topic classifier's probability (null without a classifier).</summary>
        public float[]? Topic { get; init; }

        public static Evidence Fixed(Reply reply, string route) => new([]) { FixedReply = reply, FixedRoute = route };
    }

    internal sealed record Diagnosis(Reply Reply, string Route, IReadOnlyList<string> Words)
    {
        public RedFlag? Flag { get; init; }

        public int TopDoc { get; init; } = -1;

        public float TopScore { get; init; }

        /// <summary>Why: the rule, or the nearest exemplars and the scores.</summary>
        public string Why { get; init; } = "";

        public IReadOnlyList<string> Chunks { get; init; } = [];
    }
}

using System.Collections.Frozen;
using System.Globalization;
using ChatCoach.Core.Advice.Analysis;
using ChatCoach.Core.Conversation;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Answers knee questions from the knowledge base. Per question: clean the text → surface words (Lucene
/// StandardTokenizer, possessives, lower case, spell check) → red-flag triage → index terms (synonyms, stop words,
/// Porter stems) → BM25 scores per entry → route: urgent, advice, off-topic or fallback. Built once at start;
/// every field is immutable afterwards and Lucene keeps its token streams per thread, so answers run concurrently.
/// </summary>
public sealed class AdviceEngine : IAdviceEngine, IDisposable
{
    /// <summary>Questions are short; a pasted essay is read up to here (triage included) and the rest ignored.</summary>
    public const int MaxAnalyzedChars = 1000;

    /// <summary>At most this many words are looked at, whatever the characters.</summary>
    public const int MaxWords = 200;

    // Thresholds, calibrated on tests/ChatCoach.Core.Tests/Advice/labelled-questions.tsv (see docs/advice-engine.md).
    // A question that names the knee gets the best entry as soon as anything matches at all.
    internal const float MinKneeScore = 1.0f;

    // Without a knee word, an entry must match well: BM25 score, and the share of the question's words it explains.
    internal const float MinScore = 4.0f;
    internal const float MinCoverage = 0.5f;

    // With no running, pain or body word either, nearly every word must be explained ("should i ice it or heat it").
    internal const float MinCoverageWithoutContext = 0.75f;

    // A word the spell checker supplied counts a little less than a typed one.
    internal const float CorrectedWeight = 0.8f;

    // "Runner's knee" is the bot's whole subject: it places a question but hardly tells entries apart.
    internal const float DomainWordWeight = 0.3f;

    // Words just after a negation ("no swelling", "doesn't hurt") are not what the question is about.
    private const int NegationScope = 3;

    private static readonly FrozenSet<string> Negations = new[]
    {
        "no", "not", "never", "none", "nor", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't",
        "wasnt", "wasn't", "hasnt", "hasn't", "havent", "haven't", "arent", "aren't",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ClauseBreaks = new[]
    {
        "but", "though", "although", "however", "yet", "and", "so", "because", "just", "only",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> TipCategories = new[]
    {
        KnowledgeCategories.Load, KnowledgeCategories.Gear, KnowledgeCategories.Recovery, KnowledgeCategories.General,
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly AdviceAnalysis _analysis;
    private readonly KnowledgeIndex _index;
    private readonly PreparedEntry[] _prepared;
    private readonly int[][] _related;
    private readonly FrozenDictionary<string, Impact[]>.AlternateLookup<ReadOnlySpan<char>> _impacts;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _bestScores;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _termWeights;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _contextTopicTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _domainTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _kneeTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _runningTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _otherTopicTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _otherBodyTerms;
    private readonly FrozenSet<string> _backPredecessors;
    private readonly FrozenSet<string> _kneeWords = Lexicon.KneeWords.ToFrozenSet(StringComparer.Ordinal);
    private readonly string _painTerm;
    private readonly float _unknownTermImportance;
    private readonly int _defaultDoc;

    public AdviceEngine(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        Knowledge = knowledge;
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
        _runningTerms = TermSet(Lexicon.RunningWords);
        _otherTopicTerms = TermSet(Lexicon.OtherRunningTopics);
        _otherBodyTerms = TermSet(Lexicon.OtherBodyParts);
        _contextTopicTerms = TermSet(Lexicon.TopicsNeedingRunningContext);
        _domainTerms = TermSet(Lexicon.DomainWords);
        _backPredecessors = Lexicon.BackAsBodyPartAfter.ToFrozenSet(StringComparer.Ordinal);
        _painTerm = AdviceAnalysis.Words(_analysis.Index, "pain").Single();

        // A word the index has never seen weighs like a rare index word (the 90th percentile of best scores).
        var best = _index.BestScores.Values.Order().ToArray();
        _unknownTermImportance = best.Length == 0 ? 1f : best[(int)(best.Length * 0.9)];

        // The entry for a bare "my knee hurts": whatever best answers the most general question.
        var general = Diagnose("why do my knees hurt when i run");
        _defaultDoc = general.TopDoc >= 0 ? general.TopDoc : 0;
    }

    public KnowledgeBase Knowledge { get; }

    internal KnowledgeIndex Index => _index;

    internal AdviceAnalysis Analysis => _analysis;

    public Reply Answer(string? question) => Diagnose(question).Reply;

    public void Dispose()
    {
        _index.Dispose();
        _analysis.Dispose();
    }

    /// <summary>The reply and how it was reached, for tests and calibration.</summary>
    internal Diagnosis Diagnose(string? question)
    {
        var text = Clean(question);
        if (text.Length == 0)
        {
            return Diagnosis.Fixed(AdviceReplies.Prompt, "empty");
        }

        var (latin, other) = CountLetters(text);
        if (latin == 0 && other == 0)
        {
            return Diagnosis.Fixed(AdviceReplies.NoWords, "no-words");
        }

        if (latin == 0 || other > latin)
        {
            return Diagnosis.Fixed(AdviceReplies.NotEnglish, "not-english");
        }

        var words = new List<string>(Math.Min(MaxWords, 16));
        var correctedAt = SurfaceWords(text, words);
        if (words.Count == 0)
        {
            return Diagnosis.Fixed(AdviceReplies.NoWords, "no-words");
        }

        if (RedFlagTriage.Check(words) is { } flag)
        {
            return new Diagnosis(AdviceReplies.Urgent(flag), "urgent", words) { Flag = flag };
        }

        return Retrieve(words, correctedAt);
    }

    private Diagnosis Retrieve(List<string> words, ulong correctedAt)
    {
        // Second pass over the corrected words: the same terms the index holds.
        var joined = string.Join(' ', words);
        var negatedAt = Negated(words);
        var docCount = _prepared.Length;
        var scores = new float[docCount];
        var matched = new float[docCount];
        var seen = new List<Impact[]>(8);
        float totalWeight = 0, bestPossible = 0;
        bool knee = false, running = false, pain = false, otherTopic = false, otherBody = false, contextTopic = false;
        using (var stream = _analysis.Terms.GetTokenStream("q", joined))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var span = term.Buffer.AsSpan(0, term.Length);
                knee |= _kneeTerms.Contains(span);
                running |= _runningTerms.Contains(span);
                otherTopic |= _otherTopicTerms.Contains(span);
                otherBody |= _otherBodyTerms.Contains(span);
                contextTopic |= _contextTopicTerms.Contains(span);
                pain |= span.SequenceEqual(_painTerm);
                if (!_impacts.TryGetValue(span, out var impacts))
                {
                    // A word no entry uses: the question is partly about something else.
                    totalWeight += _unknownTermImportance;
                    continue;
                }

                if (seen.Contains(impacts))
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

                _bestScores.TryGetValue(span, out var best);

                // Coverage weighs each word by the most it can add to any entry, so "run" (in every entry) explains
                // little of "is it ok to run in the rain" while "ice" explains all of "should i ice it".
                totalWeight += weight * best;
                bestPossible += weight * best;
                foreach (var impact in impacts)
                {
                    scores[impact.Doc] += weight * impact.Score;
                    matched[impact.Doc] += weight * best;
                }
            }

            stream.End();
        }

        otherBody |= MentionsBack(words);

        // Synonyms can swallow the word "knee" ("knee sleeves" → brace), so the typed words count too.
        foreach (var typed in words)
        {
            knee |= _kneeWords.Contains(typed);
        }
        var top = -1;
        for (var doc = 0; doc < docCount; doc++)
        {
            if (scores[doc] > 0 && (top < 0 || scores[doc] > scores[top]))
            {
                top = doc;
            }
        }

        var topScore = top < 0 ? 0 : scores[top];
        var coverage = top < 0 || totalWeight == 0 ? 0 : matched[top] / totalWeight;
        var features = new Features(knee, running, pain, otherTopic, otherBody);
        Diagnosis Make(Reply reply, string route) => new(reply, route, words)
        {
            TopDoc = top,
            TopScore = topScore,
            Coverage = coverage,
            BestPossible = bestPossible,
            Features = features,
        };

        var strong = top >= 0 && topScore >= MinScore && coverage >= MinCoverage;
        if (knee)
        {
            var doc = top >= 0 && topScore >= MinKneeScore ? top : _defaultDoc;
            return Make(AdviceReplies.Advice(_prepared[doc], AlsoTry(doc, scores)), doc == top ? "advice" : "advice-default");
        }

        if (otherTopic || otherBody && pain || contextTopic && running)
        {
            return Make(AdviceReplies.OffTopic(Tip(strong, top)), "off-topic");
        }

        if (strong && (running || pain || otherBody || coverage >= MinCoverageWithoutContext))
        {
            return Make(AdviceReplies.Advice(_prepared[top], AlsoTry(top, scores)), "advice");
        }

        if (running || pain || otherBody)
        {
            return Make(AdviceReplies.OffTopic(Tip(strong, top)), "off-topic");
        }

        return Make(AdviceReplies.Fallback, "fallback");
    }

    private KnowledgeEntry? Tip(bool strong, int top) =>
        strong && TipCategories.Contains(_prepared[top].Entry.Category) ? _prepared[top].Entry : null;

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

        var threshold = scores[doc] * 0.5f;
        return Enumerable.Range(0, scores.Length)
            .Where(d => d != doc && scores[d] >= threshold && scores[d] > 0)
            .OrderByDescending(d => scores[d])
            .Select(d => _prepared[d]);
    }

    private bool MentionsBack(List<string> words)
    {
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] == "back" && _backPredecessors.Contains(words[i - 1]) && (i + 1 >= words.Count || words[i + 1] != "of"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fills <paramref name="words"/>; returns a bit set of which of the first 64 words were spell-corrected.</summary>
    private ulong SurfaceWords(string text, List<string> words)
    {
        ulong corrected = 0;
        using var stream = _analysis.Surface.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (words.Count < MaxWords && stream.IncrementToken())
        {
            if (ReferenceEquals(type.Type, TypoCorrectionFilter.CorrectedType) && words.Count < 64)
            {
                corrected |= 1UL << words.Count;
            }

            words.Add(term.ToString());
        }

        stream.End();
        return corrected;
    }

    /// <summary>Maps a term's offset in the space-joined words back to the index of its word.</summary>
    private static int WordIndex(string joined, int startOffset)
    {
        var index = 0;
        var end = Math.Min(startOffset, joined.Length);
        for (var i = 0; i < end; i++)
        {
            if (joined[i] == ' ')
            {
                index++;
            }
        }

        return index;
    }

    /// <summary>A bit set of the first 64 words that follow a negation within its scope.</summary>
    private static ulong Negated(List<string> words)
    {
        ulong negated = 0;
        for (var i = 0; i < words.Count && i < 64; i++)
        {
            if (!Negations.Contains(words[i]))
            {
                continue;
            }

            for (var j = i + 1; j <= i + NegationScope && j < words.Count && j < 64; j++)
            {
                if (ClauseBreaks.Contains(words[j]))
                {
                    break;
                }

                negated |= 1UL << j;
            }
        }

        return negated;
    }

    /// <summary>Trims, truncates at a word boundary, and turns control and format characters into spaces.</summary>
    internal static string Clean(string? question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return "";
        }

        var span = question.AsSpan().Trim();
        if (span.Length > MaxAnalyzedChars)
        {
            var cut = span[..MaxAnalyzedChars].LastIndexOfAny(' ', '\n', '\t');
            span = span[..(cut > MaxAnalyzedChars / 2 ? cut : MaxAnalyzedChars)];
            if (char.IsHighSurrogate(span[^1]))
            {
                span = span[..^1];
            }
        }

        var clean = true;
        foreach (var c in span)
        {
            if (NeedsReplacing(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return span.Length == question.Length ? question : span.ToString();
        }

        var result = string.Create(span.Length, span, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                destination[i] = c switch
                {
                    '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' => '\'',
                    _ when char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format => ' ',
                    _ => c,
                };
            }
        });
        return result.Trim();
    }

    private static bool NeedsReplacing(char c) =>
        c is '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4'
        || char.IsControl(c)
        || c > '\u007F' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static (int Latin, int Other) CountLetters(string text)
    {
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (c <= '\u024F' || c is >= '\u1E00' and <= '\u1EFF')
            {
                latin++;
            }
            else
            {
                other++;
            }
        }

        return (latin, other);
    }

    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TermSet(IEnumerable<string> words) =>
        words.SelectMany(w => AdviceAnalysis.Words(_analysis.Index, w)).ToFrozenSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static TypoCorrector BuildCorrector(KnowledgeBase knowledge, AdviceAnalysis analysis)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string text, int weight)
        {
            foreach (var word in AdviceAnalysis.Words(analysis.PlainSurface, text))
            {
                frequency[word] = frequency.GetValueOrDefault(word) + weight;
            }
        }

        foreach (var entry in knowledge.Entries)
        {
            Count(entry.Title, 1);
            Count(string.Join(' ', entry.Tags), 1);
            Count(string.Join(' ', entry.Questions), 1);
            Count(entry.Body, 1);
        }

        // The lexicon and triage words must be reachable by a typo even if no entry uses them.
        foreach (var word in Lexicon.KneeWords)
        {
            Count(word, 50);
        }

        foreach (var text in Lexicon.RunningWords.Concat(Lexicon.OtherRunningTopics).Concat(Lexicon.OtherBodyParts)
                     .Concat(Lexicon.SynonymGroups.SelectMany(g => g)).Concat(RedFlagTriage.Vocabulary))
        {
            Count(text, 1);
        }

        var leaveAlone = Lexicon.StopWords.Concat(Lexicon.KnownWords).Concat(Lexicon.Fillers)
            .Concat(EnglishWords.All.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new TypoCorrector(frequency, leaveAlone);
    }

    internal readonly record struct Features(bool Knee, bool Running, bool Pain, bool OtherTopic, bool OtherBody);

    internal sealed record Diagnosis(Reply Reply, string Route, IReadOnlyList<string> Words)
    {
        public RedFlag? Flag { get; init; }

        public int TopDoc { get; init; } = -1;

        public float TopScore { get; init; }

        public float Coverage { get; init; }

        public float BestPossible { get; init; }

        public Features Features { get; init; }

        public static Diagnosis Fixed(Reply reply, string route) => new(reply, route, []);
    }
}

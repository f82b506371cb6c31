using System.Collections.Frozen;
using System.Globalization;
using ChatCoach.Core.Advice.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatCoach.Core.Advice;

/// <summary>Reading the text: cleaning, words, negation scope, the spell checker's vocabulary.</summary>
public sealed partial class AdviceEngine
{
    /// <summary>Appends the words of <paramref name="text"/>; returns a bit set of which of the first 64 words of the list were spell-corrected.</summary>
    private ulong SurfaceWords(string text, List<string> words)
    {
        ulong corrected = 0;
        using var stream = _analysis.Surface.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (words.Count < MaxTriageWords && stream.IncrementToken())
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

    /// <summary>The index terms of the retrieval words (synonyms, stop words, stems): the classifier's word features.</summary>
    private List<string> TermsOf(IReadOnlyList<string> retrievalWords) => AdviceAnalysis.Words(_analysis.Terms, string.Join(' ', retrievalWords));

    /// <summary>The index terms of a whole text, read as <see cref="Gather"/> reads a message (training rows).</summary>
    internal List<string> TermsOf(string text)
    {
        var words = new List<string>();
        foreach (var sentence in SplitSentences(Clean(text)))
        {
            var sentenceWords = new List<string>();
            SurfaceWords(sentence, sentenceWords);
            words.AddRange(sentenceWords.Take(MaxWords - words.Count));
        }

        return TermsOf(words);
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
            if (!Negation.Negators.Contains(words[i]))
            {
                continue;
            }

            for (var j = i + 1; j <= i + Negation.Scope && j < words.Count && j < 64; j++)
            {
                if (Negation.ClauseBreaks.Contains(words[j]))
                {
                    break;
                }

                negated |= 1UL << j;
            }
        }

        return negated;
    }

    /// <summary>Trims, cuts a message longer than any chat allows at a word boundary, and turns control and format characters into spaces (line breaks become sentence breaks first).</summary>
    internal static string Clean(string? question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return "";
        }

        var span = question.AsSpan().Trim();
        if (span.Length > MaxChars)
        {
            var cut = span[..MaxChars].LastIndexOfAny(' ', '\n', '\t');
            span = span[..(cut > MaxChars / 2 ? cut : MaxChars)];
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
                    '\n' or '\r' => '\n',
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

        var leaveAlone = Lexicon.StopWords.Concat(Lexicon.KnownWords).Concat(Lexicon.Fillers).Concat(Lexicon.ChatWords)
            .Concat(EnglishWords.All);
        return new TypoCorrector(frequency, leaveAlone);
    }

}

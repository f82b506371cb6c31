using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace ChatCoach.Core.Advice.Analysis;

/// <summary>
/// The Lucene analysis chains, built once and shared (Lucene reuses each analyzer's token streams per thread, so
/// they are safe to call concurrently).
/// <list type="bullet">
/// <item><see cref="Index"/>: StandardTokenizer → EnglishPossessive → LowerCase → Synonym → Stop → PorterStem.</item>
/// <item><see cref="Surface"/> (first query pass): StandardTokenizer → EnglishPossessive → LowerCase → TypoCorrection;
/// its words feed triage and the second pass.</item>
/// <item><see cref="Terms"/> (second query pass, over the corrected words): Whitespace → Synonym → Stop → PorterStem,
/// the same terms the index holds.</item>
/// </list>
/// </summary>
internal sealed class AdviceAnalysis : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private AdviceAnalysis(SynonymMap synonyms, CharArraySet stopWords, Analyzer plainSurface)
    {
        Synonyms = synonyms;
        StopWords = stopWords;
        PlainSurface = plainSurface;
        Index = Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
            stream = new LowerCaseFilter(Version, stream);
            stream = new SynonymFilter(stream, synonyms, ignoreCase: false);
            stream = new StopFilter(Version, stream, stopWords);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        });
        Terms = Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new WhitespaceTokenizer(Version, reader);
            TokenStream stream = new SynonymFilter(tokenizer, synonyms, ignoreCase: false);
            stream = new StopFilter(Version, stream, stopWords);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        });
    }

    public SynonymMap Synonyms { get; }

    public CharArraySet StopWords { get; }

    /// <summary>Surface words without spell checking: used to learn the vocabulary.</summary>
    public Analyzer PlainSurface { get; }

    public Analyzer Index { get; }

    public Analyzer Terms { get; }

    /// <summary>Surface words with spell checking; set once the vocabulary is known.</summary>
    public Analyzer Surface { get; private set; } = null!;

    public TypoCorrector Corrector { get; private set; } = null!;

    public static AdviceAnalysis Create()
    {
        var plainSurface = Analyzer.NewAnonymous((_, reader) => SurfaceComponents(reader, corrector: null));
        var stopWords = new CharArraySet(Version, Lexicon.StopWords, ignoreCase: false);
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var group in Lexicon.SynonymGroups)
        {
            var canonical = Words(plainSurface, group[0]);
            var output = SynonymMap.Builder.Join([.. canonical], new CharsRef());
            foreach (var variant in group.Skip(1))
            {
                var input = Words(plainSurface, variant);
                if (input.Count == 0 || input.SequenceEqual(canonical))
                {
                    continue;
                }

                builder.Add(SynonymMap.Builder.Join([.. input], new CharsRef()), output, includeOrig: false);
            }
        }

        return new AdviceAnalysis(builder.Build(), stopWords, plainSurface);
    }

    /// <summary>Switches on spell checking against the vocabulary learned from the knowledge base.</summary>
    public void UseVocabulary(TypoCorrector corrector)
    {
        Corrector = corrector;
        Surface = Analyzer.NewAnonymous((_, reader) => SurfaceComponents(reader, corrector));
    }

    /// <summary>Runs an analyzer over a text and returns its terms (start-up and tests only: allocates freely).</summary>
    public static List<string> Words(Analyzer analyzer, string text)
    {
        var words = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    public void Dispose()
    {
        PlainSurface.Dispose();
        Index.Dispose();
        Terms.Dispose();
        Surface?.Dispose();
    }

    private static TokenStreamComponents SurfaceComponents(TextReader reader, TypoCorrector? corrector)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        if (corrector is not null)
        {
            stream = new TypoCorrectionFilter(stream, corrector);
        }

        return new TokenStreamComponents(tokenizer, stream);
    }
}

using System.Collections.Frozen;
using ChatCoach.Core.Advice.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace ChatCoach.Core.Advice;

/// <summary>
/// The knowledge base as an in-memory Lucene index scored with BM25. The index never changes after start, so each
/// term's BM25 contribution to each entry (summed over the fields, times the field's boost) is read from Lucene's own
/// <see cref="BM25Similarity"/> scorers once, here. Answering a question then adds up those numbers for its terms —
/// exactly what a BooleanQuery of boosted TermQuerys over the <see cref="Searcher"/> returns (a test checks this),
/// without the ~450 KB that building and running such a query allocates each time (measured).
/// </summary>
internal sealed class KnowledgeIndex : IDisposable
{
    public const string IdField = "id";

    /// <summary>Field boosts: a word in the title or tags says more about what an entry is for than one in its body.</summary>
    public static readonly IReadOnlyList<(string Field, float Boost)> Fields =
    [
        ("title", 2.0f),
        ("tags", 2.0f),
        ("questions", 1.5f),
        ("body", 1.0f),
    ];

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;

    public KnowledgeIndex(IReadOnlyList<KnowledgeEntry> entries, AdviceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(analysis);
        Similarity = new BM25Similarity();
        _directory = new RAMDirectory();
        var config = new IndexWriterConfig(AdviceAnalysis.Version, analysis.Index)
        {
            Similarity = Similarity,
            OpenMode = OpenMode.CREATE,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var entry in entries)
            {
                var document = new Document
                {
                    new StringField(IdField, entry.Id, Field.Store.YES),
                    new TextField("title", entry.Title, Field.Store.NO),
                    new TextField("tags", string.Join(", ", entry.Tags), Field.Store.NO),
                    new TextField("questions", string.Join(".\n", entry.Questions), Field.Store.NO),
                    new TextField("body", entry.Body, Field.Store.NO),
                };
                writer.AddDocument(document);
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        Searcher = new IndexSearcher(_reader) { Similarity = Similarity };
        var byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var docs = new KnowledgeEntry[_reader.MaxDoc];
        for (var doc = 0; doc < docs.Length; doc++)
        {
            docs[doc] = byId[_reader.Document(doc).Get(IdField, System.Globalization.CultureInfo.InvariantCulture)];
        }

        Entries = docs;
        Impacts = ReadImpacts(out var bestScores);
        BestScores = bestScores;
        TermWeights = WeighTerms(Impacts, docs.Length);
    }

    public BM25Similarity Similarity { get; }

    /// <summary>The searcher the impacts were read through; kept for explanations and the equivalence test.</summary>
    public IndexSearcher Searcher { get; }

    /// <summary>Entries in document order: <c>Entries[doc]</c>.</summary>
    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>Per index term, the entries that contain it and the term's BM25 score for each.</summary>
    public FrozenDictionary<string, Impact[]> Impacts { get; }

    /// <summary>Per index term, its highest score over all entries (how much the term can ever add).</summary>
    public FrozenDictionary<string, float> BestScores { get; }

    /// <summary>
    /// Per index term, a query weight in (0, 1] from the share of entries that use it in any field. BM25's idf is
    /// per field, so "knee" — in nearly every entry, but in few titles — would otherwise count as a rare, telling
    /// title word; here it weighs almost nothing while "ice" or "cadence" weigh fully. Equivalent to a boost on each
    /// term of the query.
    /// </summary>
    public FrozenDictionary<string, float> TermWeights { get; }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static FrozenDictionary<string, float> WeighTerms(FrozenDictionary<string, Impact[]> impacts, int documents)
    {
        // BM25's own idf formula over the union of fields, relative to a word found in a fifth of the entries.
        static double Idf(double docFreq, int documents) => Math.Log(1 + (documents - docFreq + 0.5) / (docFreq + 0.5));
        var reference = Idf(Math.Max(1, documents * 0.2), documents);
        return impacts.ToFrozenDictionary(
            kv => kv.Key,
            kv => (float)Math.Clamp(Idf(kv.Value.Length, documents) / reference, 0.02, 1.0),
            StringComparer.Ordinal);
    }

    private FrozenDictionary<string, Impact[]> ReadImpacts(out FrozenDictionary<string, float> bestScores)
    {
        var impacts = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var leaf in _reader.Leaves)
        {
            var reader = leaf.AtomicReader;
            foreach (var (field, boost) in Fields)
            {
                var terms = reader.GetTerms(field);
                if (terms is null)
                {
                    continue;
                }

                var collection = Searcher.CollectionStatistics(field);
                var termsEnum = terms.GetEnumerator();
                DocsEnum? docsEnum = null;
                while (termsEnum.MoveNext())
                {
                    var bytes = termsEnum.Term;
                    var text = bytes.Utf8ToString();
                    var statistics = new TermStatistics(Lucene.Net.Util.BytesRef.DeepCopyOf(bytes), termsEnum.DocFreq, termsEnum.TotalTermFreq);
                    var weight = Similarity.ComputeWeight(boost, collection, statistics);
                    weight.GetValueForNormalization();
                    weight.Normalize(1f, 1f);
                    var scorer = Similarity.GetSimScorer(weight, leaf);
                    docsEnum = termsEnum.Docs(reader.LiveDocs, docsEnum, DocsFlags.FREQS);
                    if (!impacts.TryGetValue(text, out var perDoc))
                    {
                        impacts[text] = perDoc = new float[_reader.MaxDoc];
                    }

                    int doc;
                    while ((doc = docsEnum.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        perDoc[leaf.DocBase + doc] += scorer.Score(doc, docsEnum.Freq);
                    }
                }
            }
        }

        bestScores = impacts.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Max(), StringComparer.Ordinal);
        return impacts.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.Select((score, doc) => new Impact(doc, score)).Where(i => i.Score > 0).ToArray(),
            StringComparer.Ordinal);
    }
}

/// <summary>One term's BM25 score for one entry.</summary>
internal readonly record struct Impact(int Doc, float Score);

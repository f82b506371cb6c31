using System.Globalization;
using System.Text;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>
/// BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 was trained with: clean and lower-case the text, drop
/// accents, split on white space and around every punctuation mark (and around each CJK character), then cut each word
/// into the longest pieces the vocabulary knows ("##" marks a piece inside a word); a word no pieces cover, or longer
/// than 100 characters, is <c>[UNK]</c>. Immutable once built, so it is shared by every thread.
/// </summary>
internal sealed class WordPieceTokenizer
{
    private const int MaxWordChars = 100;

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordPieceTokenizer(IEnumerable<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var token in vocabulary)
        {
            _ids.TryAdd(token, id++);
        }

        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        Cls = Id("[CLS]");
        Sep = Id("[SEP]");
        Unknown = Id("[UNK]");
    }

    public int Cls { get; }

    public int Sep { get; }

    public int Unknown { get; }

    public static WordPieceTokenizer Load(string vocabularyPath) => new(File.ReadLines(vocabularyPath).Select(l => l.TrimEnd('\r')));

    /// <summary>[CLS] pieces… [SEP], at most <paramref name="maxTokens"/> in all.</summary>
    public List<int> Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(32) { Cls };
        foreach (var word in Words(text))
        {
            if (ids.Count >= maxTokens - 1)
            {
                break;
            }

            AddPieces(word, ids);
        }

        if (ids.Count > maxTokens - 1)
        {
            ids.RemoveRange(maxTokens - 1, ids.Count - (maxTokens - 1));
        }

        ids.Add(Sep);
        return ids;
    }

    /// <summary>The basic tokenizer's words: lower case, no accents, punctuation and CJK characters on their own.</summary>
    internal static List<string> Words(string text)
    {
        var folded = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || c == '\0' || c == '\uFFFD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c) || category == UnicodeCategory.Format)
            {
                Flush(current, words);
            }
            else if (IsPunctuation(c, category) || IsCjk(c))
            {
                Flush(current, words);
                words.Add(c.ToString());
            }
            else
            {
                current.Append(c);
            }
        }

        Flush(current, words);
        return words;
    }

    private void AddPieces(string word, List<int> ids)
    {
        if (word.Length > MaxWordChars)
        {
            ids.Add(Unknown);
            return;
        }

        var start = 0;
        var pieces = new List<int>(4);
        Span<char> buffer = stackalloc char[MaxWordChars + 2];
        while (start < word.Length)
        {
            var found = -1;
            var end = word.Length;
            for (; end > start; end--)
            {
                var piece = word.AsSpan(start, end - start);
                scoped ReadOnlySpan<char> key;
                if (start > 0)
                {
                    buffer[0] = '#';
                    buffer[1] = '#';
                    piece.CopyTo(buffer[2..]);
                    key = buffer[..(piece.Length + 2)];
                }
                else
                {
                    key = piece;
                }

                if (_lookup.TryGetValue(key, out var id))
                {
                    found = id;
                    break;
                }
            }

            if (found < 0)
            {
                ids.Add(Unknown);
                return;
            }

            pieces.Add(found);
            start = end;
        }

        ids.AddRange(pieces);
    }

    private int Id(string token) =>
        _ids.TryGetValue(token, out var id) ? id : throw new FormatException($"the vocabulary has no '{token}'.");

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }

    // BERT counts every ASCII symbol as punctuation ($, +, ^, ` …), besides Unicode's punctuation classes.
    private static bool IsPunctuation(char c, UnicodeCategory category) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~')
        || category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;

    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}

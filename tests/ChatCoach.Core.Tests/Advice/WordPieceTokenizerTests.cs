using ChatCoach.Core.Advice.Semantic;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>BERT's uncased WordPiece tokenizer, on a small vocabulary and on the shipped one.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Small = new(
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "knee", "hurts", "!", "cafe", "5", "##k", "run", "##ning"]);

    [Fact]
    public void Encode_Word_IsCutIntoLongestKnownPieces()
    {
        Assert.Equal([2, 4, 5, 6, 3], Small.Encode("Unaffable", 256));
    }

    [Fact]
    public void Encode_PunctuationAccentsAndCase_AreSplitFoldedAndLowered()
    {
        // "KNEE" lowered, "!" on its own, "Café" without its accent, "5k" as "5" "##k".
        Assert.Equal([2, 7, 9, 10, 11, 12, 3], Small.Encode("KNEE! Café 5k", 256));
    }

    [Fact]
    public void Encode_WordNoPiecesCover_IsUnknownAsAWhole()
    {
        Assert.Equal([2, 13, 14, 1, 3], Small.Encode("running runxyz", 256));
    }

    [Fact]
    public void Encode_LongText_StopsAtTheLimitWithSep()
    {
        var ids = Small.Encode(string.Join(' ', Enumerable.Repeat("knee", 500)), 16);

        Assert.Equal(16, ids.Count);
        Assert.Equal(2, ids[0]);
        Assert.Equal(3, ids[^1]);
    }

    [Fact]
    public void Words_CjkCharacters_StandAlone()
    {
        Assert.Equal(["膝", "盖", "ok"], WordPieceTokenizer.Words("膝盖 ok"));
    }

    [Fact]
    public void ShippedVocabulary_HasBertsSpecialTokens()
    {
        var vocabulary = Path.Combine(AppContext.BaseDirectory, "data", "models", MiniLmEmbedder.VocabularyFileName);
        var tokenizer = WordPieceTokenizer.Load(vocabulary);

        Assert.Equal(101, tokenizer.Cls);
        Assert.Equal(102, tokenizer.Sep);
        Assert.Equal(100, tokenizer.Unknown);
        Assert.True(tokenizer.Encode("my knee hurts", 256).Count == 5);
    }
}

using ChatCoach.Core.Advice.Semantic;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>The topic classifier's word features (advice10): hashed terms and pairs beside the sentence vector.</summary>
public sealed class LexicalFeaturesTests
{
    private static readonly float[] Vector = [0.6f, 0.8f];

    [Fact]
    public void Append_KeepsTheSentenceVectorAndGivesTheWordsTheirOwnLength()
    {
        var features = LexicalFeatures.Append(Vector, ["knee", "stair"]);

        Assert.Equal(Vector.Length + LexicalFeatures.Buckets, features.Length);
        Assert.Equal(Vector, features[..Vector.Length]);
        var words = features[Vector.Length..];
        Assert.Equal(LexicalFeatures.Scale, MathF.Sqrt(words.Sum(w => w * w)), 4);
        Assert.Equal(3, words.Count(w => w > 0)); // two terms and their pair
    }

    [Fact]
    public void Append_HashIsStable_SoTheShippedWeightsMeanTheSameWordsInEveryProcess()
    {
        // FNV-1a: string.GetHashCode is randomised per process and would scramble a trained classifier.
        var words = LexicalFeatures.Append(Vector, ["knee"])[Vector.Length..];

        Assert.True(words[2602] > 0);
        Assert.Equal(1, words.Count(w => w > 0));
    }

    [Fact]
    public void Append_WordOrderCountsOnlyThroughThePairs()
    {
        var kneePain = LexicalFeatures.Append(Vector, ["knee", "pain"])[Vector.Length..];
        var painKnee = LexicalFeatures.Append(Vector, ["pain", "knee"])[Vector.Length..];

        var shared = Enumerable.Range(0, LexicalFeatures.Buckets).Count(k => kneePain[k] > 0 && painKnee[k] > 0);
        Assert.Equal(2, shared);
        Assert.NotEqual(kneePain, painKnee);
    }

    [Fact]
    public void Append_NoTerms_LeavesTheWordPartEmpty()
    {
        var words = LexicalFeatures.Append(Vector, [])[Vector.Length..];

        Assert.All(words, w => Assert.Equal(0f, w));
    }
}

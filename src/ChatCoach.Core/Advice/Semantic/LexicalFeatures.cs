namespace ChatCoach.Core.Advice.Semantic;

/// <summary>
/// Word features for the topic classifier beside the sentence vector: the message's index terms (synonyms, stop
/// words and stems as BM25 sees them) and their adjacent pairs, hashed into a fixed number of buckets, present or
/// not, scaled to a fixed length. The sentence model knows what a sentence is about but not which of two close
/// entries a runner's own word points to ("aero bars", "slump"); the labelled messages teach the classifier that.
/// </summary>
public static class LexicalFeatures
{
    /// <summary>Hash buckets appended to the sentence vector (leave-one-set-out: 1,024 → 4,096 buckets gained 4–6 rows of 1,264).</summary>
    public const int Buckets = 4096;

    /// <summary>The length of the word part; the sentence vector's is one (a length of 2 measured the same).</summary>
    public const float Scale = 1f;

    /// <summary>What the features are, for the classifier's fingerprint: a change makes the shipped one stale.</summary>
    public const string Description = "terms+pairs fnv1a 4096 binary l2 1";

    /// <summary>The sentence vector followed by the word features of <paramref name="terms"/>.</summary>
    public static float[] Append(ReadOnlySpan<float> vector, IReadOnlyList<string> terms)
    {
        var result = new float[vector.Length + Buckets];
        vector.CopyTo(result);
        var words = result.AsSpan(vector.Length);
        var count = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            count += Set(words, Bucket(terms[i], null));
            if (i > 0)
            {
                count += Set(words, Bucket(terms[i - 1], terms[i]));
            }
        }

        if (count > 0)
        {
            var value = Scale / MathF.Sqrt(count);
            for (var k = 0; k < words.Length; k++)
            {
                words[k] *= value;
            }
        }

        return result;
    }

    // Marks a bucket present; 1 when it was not yet (the count of distinct features sets the scale).
    private static int Set(Span<float> words, int bucket)
    {
        if (words[bucket] > 0)
        {
            return 0;
        }

        words[bucket] = 1;
        return 1;
    }

    // FNV-1a over the characters: stable across processes and runtimes (string.GetHashCode is randomised).
    private static int Bucket(string first, string? second)
    {
        var hash = 2166136261u;
        foreach (var c in first)
        {
            hash = (hash ^ c) * 16777619u;
        }

        if (second is not null)
        {
            hash = (hash ^ ' ') * 16777619u;
            foreach (var c in second)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }

        return (int)(hash % (uint)Buckets);
    }
}

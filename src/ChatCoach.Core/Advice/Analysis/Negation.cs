using System.Collections.Frozen;

namespace ChatCoach.Core.Advice.Analysis;

/// <summary>
/// The one list of negations and clause breaks, used by the red-flag rules and by retrieval alike: a word within
/// <see cref="Scope"/> words after a negation is negated ("no swelling", "doesn't lock"), unless a clause break comes
/// first ("no swelling but it gave way").
/// </summary>
internal static class Negation
{
    public const int Scope = 3;

    public static readonly FrozenSet<string> Negators = new[]
    {
        "no", "not", "never", "without", "none", "nor", "neither", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't",
        "isnt", "isn't", "wasnt", "wasn't", "hasnt", "hasn't", "havent", "haven't", "hadnt", "hadn't", "aint", "ain't",
        "arent", "aren't", "werent", "weren't", "zero", "nothing", "nope", "denies", "free",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> ClauseBreaks = new[]
    {
        "but", "though", "although", "however", "yet", "except", "and", "now", "until", "then", "because", "since", "so",
        "just", "only", "still", "apart",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Fixed pairs whose "and" joins one thing, not two clauses: "no pins and needles" denies the pins and needles (advice10).
    private static readonly FrozenSet<(string, string)> Binomials = new[]
    {
        ("pins", "needles"), ("aches", "pains"), ("black", "blue"), ("wear", "tear"),
    }.ToFrozenSet();

    private static bool InsideBinomial(IReadOnlyList<string> words, int index) =>
        words[index] == "and" && index > 0 && index + 1 < words.Count && Binomials.Contains((words[index - 1], words[index + 1]));

    /// <summary>Joins the items of a list that one negation covers: "it doesn't give way or lock".</summary>
    public static readonly FrozenSet<string> ListJoins = new[] { "or", "nor" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The furthest a negation reaches along a list of denied things ("no swelling, locking or giving way").</summary>
    public const int ListReach = 10;

    /// <summary>
    /// True when the word at <paramref name="index"/> is in a negation's scope. An "or"/"nor" carries the scope on
    /// by <see cref="Scope"/> more words, so every item of a denied list is denied, up to <see cref="ListReach"/>.
    /// </summary>
    public static bool IsNegated(IReadOnlyList<string> words, int index)
    {
        var limit = index - Scope;
        for (var back = index - 1; back >= 0 && back >= limit && back >= index - ListReach; back--)
        {
            var word = words[back];
            if (InsideBinomial(words, back))
            {
                // The pair counts as one word: "no pins and needles or numbness" reaches the numbness.
                limit -= 2;
                continue;
            }

            if (ClauseBreaks.Contains(word) || word == ".")
            {
                return false;
            }

            if (Negators.Contains(word))
            {
                return true;
            }

            if (ListJoins.Contains(word))
            {
                limit = back - Scope;
            }
        }

        return false;
    }
}

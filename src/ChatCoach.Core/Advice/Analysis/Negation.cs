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

    /// <summary>True when the word at <paramref name="index"/> is in a negation's scope.</summary>
    public static bool IsNegated(IReadOnlyList<string> words, int index)
    {
        for (var back = index - 1; back >= 0 && back >= index - Scope; back--)
        {
            var word = words[back];
            if (ClauseBreaks.Contains(word))
            {
                return false;
            }

            if (Negators.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Frozen;

namespace ChatCoach.Core.Advice;

/// <summary>A sign that the knee needs a clinician soon rather than exercises.</summary>
/// <param name="Code">Short stable name, for logs and tests.</param>
/// <param name="Description">What the person described, to be quoted back: "the knee locking or not straightening".</param>
public sealed record RedFlag(string Code, string Description);

/// <summary>
/// Safety check that runs before retrieval, on the lower-cased, spell-checked surface words of a question.
/// Explicit word patterns rather than scores: every pattern is a short sequence of word sets with small gaps,
/// optionally needing a knee (or leg) word somewhere in the message. A negation ("no", "not", "doesn't", "never",
/// "without"…) within three words before a match cancels it, unless a clause break ("but", "and", "though"…) comes
/// in between — so "no swelling but it gave way" still fires on "gave way". When in doubt it fires: a needless
/// "get it checked" costs less than a missed locked knee.
/// </summary>
internal static class RedFlagTriage
{
    private const int NegationWindow = 3;

    private static readonly FrozenSet<string> Negators = Set(
        "no", "not", "never", "without", "none", "nor", "neither", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't",
        "isnt", "isn't", "wasnt", "wasn't", "hasnt", "hasn't", "havent", "haven't", "hadnt", "hadn't", "aint", "ain't",
        "arent", "aren't", "werent", "weren't", "zero", "nothing", "nope", "denies", "free");

    private static readonly FrozenSet<string> ClauseBreaks = Set(
        "but", "though", "although", "however", "yet", "except", "and", "now", "until", "then", "because", "since", "so");

    private static readonly FrozenSet<string> KneeOrLeg = Set(
        "knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "joint", "meniscus", "acl", "mcl", "itb");

    private static readonly string[] Inability =
        ["can't", "cant", "cannot", "unable", "couldn't", "couldnt", "won't", "wont", "barely", "hardly", "impossible"];

    private static readonly string[] Intense =
        ["huge", "massive", "very", "really", "super", "big", "large", "lot", "badly", "severely", "hugely", "extremely",
         "so", "loads", "tons", "crazy", "immediately", "instantly", "quickly", "suddenly", "sudden", "fast"];

    private static readonly RedFlag Locking = new("locking", "the knee locking, or not straightening or bending");
    private static readonly RedFlag GivingWay = new("giving-way", "the knee giving way or buckling");
    private static readonly RedFlag Swelling = new("swelling", "marked swelling, or swelling soon after a twist or injury");
    private static readonly RedFlag Impact = new("injury", "a fall, knock, twist or pop");
    private static readonly RedFlag NoWeight = new("no-weight", "not being able to put weight on the leg or walk");
    private static readonly RedFlag HotRed = new("hot-red", "a hot, red joint or a fever");
    private static readonly RedFlag Numbness = new("numbness", "numbness or tingling");
    private static readonly RedFlag CalfClot = new("calf", "a swollen or painful calf, which can be a clot");
    private static readonly RedFlag Deformity = new("deformity", "the knee looking deformed or out of place");
    private static readonly RedFlag SeverePain = new("severe-pain", "severe pain, or pain at night or at rest");

    private static readonly string[] KneeWords = ["knee", "knees", "kneecap", "kneecaps", "patella", "leg", "legs", "shin"];

    private static readonly string[] SwellingWords =
        ["swollen", "swelling", "swelled", "swell", "swells", "puffy", "puffed", "ballooned", "balloon"];

    private static readonly string[] InjuryWords =
        ["twist", "twisted", "twisting", "pivot", "pivoted", "pivoting", "turned", "rolled", "tore", "torn", "tear", "sprain",
         "sprained", "injury", "injured", "fall", "fell", "falling", "pop", "popped", "snap", "snapped", "crash", "crashed",
         "accident", "collision", "collided", "tackle", "tackled", "tripped", "slipped", "landed", "wrenched", "tweaked"];

    private static readonly string[] PainWords =
        ["pain", "pains", "painful", "hurts", "hurt", "hurting", "ache", "aches", "aching", "throbbing", "sore"];

    private static readonly Rule[] Rules =
    [
        // Locking, or a knee that will not straighten or bend.
        new(Locking, [["locked", "locking", "locks"]], NotFollowedBy: ["out", "down", "in", "into"]),
        new(Locking, [["stuck", "jammed", "lock", "catches", "catching"]], RequiresKneeContext: true, NotFollowedBy: ["at", "on", "in", "with", "to"]),
        new(Locking, [Inability, ["straighten", "straightening", "straight", "extend", "extending", "bend", "bending", "flex", "unlock"]], MaxGap: 4),
        new(Locking, [["won't", "wont", "doesn't", "doesnt"], ["straighten", "unlock", "bend"]], MaxGap: 1, Negatable: false),

        // Giving way or buckling.
        new(GivingWay, [["gives", "gave", "giving", "give", "given"], ["way", "out"]], MaxGap: 1, RequiresKneeContext: true),
        new(GivingWay, [["buckle", "buckled", "buckles", "buckling", "collapsed", "collapses", "collapse", "collapsing"]]),
        new(GivingWay, [["unstable", "instability", "wobbly", "unsteady"]], RequiresKneeContext: true),

        // Large swelling, or swelling soon after a twist, fall or pop.
        new(Swelling, [Intense, SwellingWords], MaxGap: 2),
        new(Swelling, [SwellingWords, ["up"]]),
        new(Swelling, [InjuryWords, SwellingWords], MaxGap: 12, StopsAtClause: false),
        new(Swelling, [SwellingWords, InjuryWords], MaxGap: 12, StopsAtClause: false),

        // Falls, knocks, twisting injuries and pops.
        new(Impact, [["fell", "fallen", "tripped", "crashed", "collided", "smashed", "slammed", "banged", "whacked", "knocked", "bashed"]], RequiresKneeContext: true, NotFollowedBy: ["asleep", "behind", "apart", "short", "for", "through"]),
        new(Impact, [["a", "bad", "nasty", "hard", "after", "since", "from", "took", "had"], ["fall", "falling", "tumble", "crash", "collision", "tackle"]], RequiresKneeContext: true),
        new(Impact, [["hit", "kicked", "struck", "smacked", "bumped", "landed", "fell"], KneeWords], MaxGap: 2),
        new(Impact, [["heard", "felt", "loud", "big"], ["pop", "snap", "tearing", "rip", "ripping", "clunk"]], MaxGap: 3),
        new(Impact, [["popped", "snapped", "dislocated", "dislocate", "dislocation"]], RequiresKneeContext: true),
        new(Impact, [["twisted", "wrenched", "sprained", "tore", "torn", "ruptured"], ["knee", "knees", "kneecap", "acl", "mcl", "meniscus", "ligament", "ligaments"]], MaxGap: 1),

        // Cannot bear weight or walk.
        new(NoWeight, [Inability, ["put", "bear", "take", "carry"], ["weight"]], MaxGap: 2),
        new(NoWeight, [Inability, ["walk", "walking", "stand", "standing", "limp"]], MaxGap: 2),

        // A hot, red joint or fever: possible infection.
        new(HotRed, [["hot", "warm"], ["red", "redness", "swollen", "swelling", "shiny", "inflamed"]], MaxGap: 2, StopsAtClause: false),
        new(HotRed, [["red", "redness", "swollen", "swelling"], ["hot", "warm"]], MaxGap: 2, StopsAtClause: false),
        new(HotRed, [["hot", "warm"], ["to"], ["touch"]], MaxGap: 1),
        new(HotRed, [["fever", "feverish", "febrile", "chills", "shivering", "infection", "infected", "pus"]], RequiresKneeContext: true),

        // Numbness or tingling.
        new(Numbness, [["numb", "numbness", "tingling", "tingle", "tingles", "tingly", "prickling", "needles"]]),

        // A swollen, painful calf: possible clot.
        new(CalfClot, [["calf", "calves"], ["swollen", "swelling", "swelled", "tender", "hot", "red", "warm", "puffy", "throbbing"]], MaxGap: 4),
        new(CalfClot, [SwellingWords, ["calf", "calves"]], MaxGap: 3),
        new(CalfClot, [["clot", "clots", "dvt", "thrombosis", "embolism"]], Negatable: false),

        // Visible deformity.
        new(Deformity, [["deformed", "deformity", "misshapen", "disfigured", "dislocated"]]),
        new(Deformity, [["out"], ["of"], ["place", "position", "socket", "joint"]], RequiresKneeContext: true),
        new(Deformity, [["looks", "look", "looking", "bent", "sticking", "pointing", "bone"], ["wrong", "weird", "sideways", "out"]], MaxGap: 2, RequiresKneeContext: true, Requires: ["wrong", "sideways", "bone", "weird"]),

        // Severe pain, at night or at rest.
        new(SeverePain, [["excruciating", "unbearable", "agonizing", "agonising", "agony", "screaming", "crippling", "intolerable"]]),
        new(SeverePain, [["worst", "severe", "extreme", "horrible", "terrible", "awful", "intense"], PainWords], MaxGap: 2, Requires: ["night", "nights", "rest", "resting", "sleep", "sleeping", "bed", "lying", "constant", "worst"]),
        new(SeverePain, [["constant"], PainWords], MaxGap: 2, Requires: ["night", "nights", "rest", "resting", "sleep", "sleeping", "bed", "lying"]),
        new(SeverePain, [["wakes", "woke", "waking", "wake", "keeps", "kept"], ["me"], ["up", "awake", "night"]], MaxGap: 1, Requires: PainWords),
        new(SeverePain, [Inability, ["sleep", "sleeping"]], MaxGap: 2, Requires: PainWords),
    ];

    public static RedFlag? Check(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var hasKneeContext = false;
        foreach (var word in words)
        {
            if (KneeOrLeg.Contains(word))
            {
                hasKneeContext = true;
                break;
            }
        }

        foreach (var rule in Rules)
        {
            if (rule.RequiresKneeContext && !hasKneeContext)
            {
                continue;
            }

            if (rule.Requires is { } required && !words.Any(w => required.Contains(w)))
            {
                continue;
            }

            for (var start = 0; start < words.Count; start++)
            {
                if (Matches(rule, words, start) && !IsNegated(words, start, rule))
                {
                    return rule.Flag;
                }
            }
        }

        return null;
    }

    private static bool Matches(Rule rule, IReadOnlyList<string> words, int start)
    {
        if (!rule.Steps[0].Contains(words[start]))
        {
            return false;
        }

        var position = start;
        for (var step = 1; step < rule.Steps.Length; step++)
        {
            var found = -1;
            var last = Math.Min(words.Count - 1, position + 1 + rule.MaxGap);
            for (var next = position + 1; next <= last; next++)
            {
                if (rule.StopsAtClause && ClauseBreaks.Contains(words[next]) && !rule.Steps[step].Contains(words[next]))
                {
                    break;
                }

                if (rule.Steps[step].Contains(words[next]))
                {
                    found = next;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            position = found;
        }

        if (rule.NotFollowedBy is { } exclusions && position + 1 < words.Count && exclusions.Contains(words[position + 1]))
        {
            return false;
        }

        return true;
    }

    private static bool IsNegated(IReadOnlyList<string> words, int start, Rule rule)
    {
        if (!rule.Negatable)
        {
            return false;
        }

        for (var back = start - 1; back >= 0 && back >= start - NegationWindow; back--)
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

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);

    private sealed record Rule(
        RedFlag Flag,
        string[][] Steps,
        int MaxGap = 0,
        bool RequiresKneeContext = false,
        bool Negatable = true,
        string[]? NotFollowedBy = null,
        string[]? Requires = null,
        bool StopsAtClause = true);

    /// <summary>Every word any rule looks for, so that the spell checker can correct towards them.</summary>
    public static IEnumerable<string> Vocabulary =>
        Rules.SelectMany(r => r.Steps.SelectMany(s => s).Concat(r.Requires ?? []))
            .Concat(Negators).Concat(KneeOrLeg).Concat(InjuryWords).Distinct(StringComparer.Ordinal);
}

using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Coaching;

/// <summary>The pain buttons and the sentences the coaching replies share.</summary>
public static class CoachingTexts
{
    public const string PainAction = "pain";

    public const string PainQuestion = "How did your knee feel? (optional, only you see it)";

    /// <summary>Each range is stored as its upper end (6 for 6+), so the thresholds 4 and 6 and "at most 3" hold for a tap too.</summary>
    public static IReadOnlyList<ReplyButton> PainButtons { get; } =
    [
        new("0–1", PainAction + ":1"),
        new("2–3", PainAction + ":3"),
        new("4–5", PainAction + ":5"),
        new("6+", PainAction + ":6"),
    ];

    public const string ProfessionalEntryId = "professional-when-to-see";

    public const string Professional =
        "Your knee has been sore on several check-ins lately. It's worth seeing a physiotherapist or a sports doctor — even just to stop a small problem becoming a lasting one. They can check your knee, hips, feet and running form and give you a plan. Keep the gentle routine going meanwhile.";

    public const string GentleToday =
        "Going easy today: your personal routine is the gentler version (easier variants, no deep knee bends). " + GentlerRoutine.RunningLoadLine;
}

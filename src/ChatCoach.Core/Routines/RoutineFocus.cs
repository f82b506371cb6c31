namespace ChatCoach.Core.Routines;

/// <summary>What a day's routine leans towards. <see cref="Balanced"/> is the default (no focus given).</summary>
public enum RoutineFocus
{
    Balanced,
    Hips,
    Ankles,

    /// <summary>After a run: gentle mobility, static stretches and massage, no strength work.</summary>
    Recovery,
}

public static class RoutineFoci
{
    /// <summary>The words people may type, as listed in errors and help.</summary>
    public static IReadOnlyList<string> Options { get; } = ["hips", "ankles", "recovery"];

    /// <summary>Parses a typed focus; empty means balanced. Accepts a few obvious synonyms.</summary>
    public static bool TryParse(string? text, out RoutineFocus focus)
    {
        focus = RoutineFocus.Balanced;
        var word = (text ?? "").Trim().ToLowerInvariant();
        switch (word)
        {
            case "" or "balanced" or "all" or "none":
                return true;
            case "hips" or "hip":
                focus = RoutineFocus.Hips;
                return true;
            case "ankles" or "ankle" or "feet" or "foot" or "calves":
                focus = RoutineFocus.Ankles;
                return true;
            case "recovery" or "recover" or "postrun" or "post-run" or "cooldown":
                focus = RoutineFocus.Recovery;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The stored and displayed name: null for balanced.</summary>
    public static string? ToId(this RoutineFocus focus) => focus switch
    {
        RoutineFocus.Hips => "hips",
        RoutineFocus.Ankles => "ankles",
        RoutineFocus.Recovery => "recovery",
        _ => null,
    };

    public static RoutineFocus FromId(string? id) => TryParse(id, out var focus) ? focus : RoutineFocus.Balanced;

    public static string UnknownFocusMessage(string typed)
    {
        var shown = typed.Length > 30 ? typed[..30] + "…" : typed;
        return $"\"{shown}\" isn't a focus I know. Choose hips, ankles or recovery, or leave it out for a balanced routine.";
    }
}

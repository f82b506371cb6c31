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

    /// <summary>Parses a typed focus; empty means balanced. Accepts a few obvious synonyms, in Chinese too (髋部, 脚踝, 恢复).</summary>
    public static bool TryParse(string? text, out RoutineFocus focus)
    {
        focus = RoutineFocus.Balanced;
        var word = (text ?? "").Trim().ToLowerInvariant();
        switch (word)
        {
            case "" or "balanced" or "all" or "none" or "均衡":
                return true;
            case "hips" or "hip" or "髋" or "髋部" or "臀" or "臀部":
                focus = RoutineFocus.Hips;
                return true;
            case "ankles" or "ankle" or "feet" or "foot" or "calves" or "踝" or "脚踝" or "小腿":
                focus = RoutineFocus.Ankles;
                return true;
            case "recovery" or "recover" or "postrun" or "post-run" or "cooldown" or "恢复" or "跑后" or "跑后恢复" or "放松":
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

    public static string UnknownFocusMessage(string typed) => UnknownFocusMessageIn(typed, People.Languages.EnglishCulture);

    /// <summary>One line for a focus word not known, in the culture's words.</summary>
    public static string UnknownFocusMessageIn(string typed, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var shown = typed.Length > 30 ? typed[..30] + "…" : typed;
        return Coaching.CoachingTexts.Format("routine.focus.unknown", culture, shown);
    }
}

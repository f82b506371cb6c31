using System.Globalization;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Core.Routines;

/// <summary>
/// Turns a planned routine into a reply; the routine command and the daily post share it. A direct chat gets the full
/// form (steps, form cues, easier and harder variants); a group or channel gets the compact form, one line per
/// exercise with a "How to do these" button whose action names the date and focus, so the instructions it opens are
/// the same routine whenever it is pressed (the planner is deterministic per date and focus).
/// </summary>
public static partial class RoutineReplies
{
    public const string DoneAction = "done";

    /// <summary>The first word of the <c>routine</c> arguments that asks for the full instructions of a given day.</summary>
    public const string InstructionsWord = "howto";

    public static ReplyButton DoneButton { get; } = new("Done ✅", DoneAction);

    private static readonly LocalDatePattern CompactDate = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");

    /// <summary>The full form in a direct chat, the compact form anywhere else.</summary>
    public static Reply ForChat(PlannedRoutine routine, string safetyNote, bool isDirect) =>
        isDirect ? Build(routine, safetyNote) : BuildCompact(routine);

    /// <summary>The full form: every step, form cue and variant.</summary>
    public static Reply Build(PlannedRoutine routine, string safetyNote)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var blocks = new List<ReplyBlock> { Summary(routine, safetyNote) };
        var number = 1;
        foreach (var exercise in routine.Items)
        {
            var items = new List<string>(exercise.Steps) { "Form: " + string.Join(" ", exercise.Cues) };
            if (exercise.Easier is not null)
            {
                items.Add("Easier: " + exercise.Easier);
            }

            if (exercise.Harder is not null)
            {
                items.Add("Harder: " + exercise.Harder);
            }

            blocks.Add(new BulletList(items, string.Create(
                CultureInfo.InvariantCulture,
                $"{number++}. {exercise.Name} — {exercise.Dose.Describe()}")));
        }

        blocks.Add(new Paragraph("Finished? Press Done to count today towards your streak."));
        return new Reply
        {
            Title = Title(routine),
            Blocks = blocks,
            Buttons = [DoneButton],
            Kind = ReplyKinds.Routine,
        };
    }

    /// <summary>The compact post's one-line safety note; the catalogue's full note comes with the instructions.</summary>
    public const string CompactSafetyNote = "Move gently and stop any exercise that causes sharp pain.";

    /// <summary>The compact form for a group or channel: one line per exercise (name, dose), Done and "How to do these".</summary>
    public static Reply BuildCompact(PlannedRoutine routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var lines = routine.Items.Select((exercise, i) => string.Create(
            CultureInfo.InvariantCulture,
            $"{i + 1}. {exercise.Name} — {exercise.Dose.Describe()}")).ToList();
        return new Reply
        {
            Title = Title(routine),
            Blocks =
            [
                new Paragraph(string.Create(
                    CultureInfo.InvariantCulture,
                    $"About {routine.Minutes} minutes, {routine.Items.Count} exercises. {CompactSafetyNote}")),
                new BulletList(lines),
                new Paragraph("Finished? Press Done. \"How to do these\" shows the steps just to you."),
            ],
            Buttons = [DoneButton, InstructionsButton(routine.Date, routine.Focus)],
            Kind = ReplyKinds.Routine,
        };
    }

    /// <summary>
    /// The full form of that day's routine for the person who asked, privately: an ephemeral reply on Discord, the
    /// private chat on Telegram (or a deep link there, <see cref="Reply.StartPayload"/>, when the bot may not write first).
    /// </summary>
    public static Reply Instructions(PlannedRoutine routine, string safetyNote) => Build(routine, safetyNote) with
    {
        IsPrivate = true,
        StartPayload = StartPayload(routine.Date, routine.Focus),
    };

    /// <summary><c>routine:howto 20261202 hips</c>: at most 33 bytes, well within Telegram's 64-byte callback data and Discord's 100-character custom id.</summary>
    public static ReplyButton InstructionsButton(LocalDate date, RoutineFocus focus) =>
        new("How to do these 📋", "routine:" + InstructionsArguments(date, focus));

    /// <summary>The <c>routine</c> arguments that ask for a day's full instructions: <c>howto 20261202 hips</c>.</summary>
    public static string InstructionsArguments(LocalDate date, RoutineFocus focus) =>
        string.Join(' ', new[] { InstructionsWord, CompactDate.Format(date), focus.ToId() }.OfType<string>());

    /// <summary>The Telegram start payload for a day's instructions: <c>howto_20261202_hips</c> (A–Z, a–z, 0–9, _ and -, at most 64).</summary>
    public static string StartPayload(LocalDate date, RoutineFocus focus) => InstructionsArguments(date, focus).Replace(' ', '_');

    /// <summary>Reads <c>howto 20261202 [focus]</c>; false when the arguments are not a request for instructions.</summary>
    public static bool TryParseInstructions(string arguments, out LocalDate date, out RoutineFocus focus, out bool malformed)
    {
        date = default;
        focus = RoutineFocus.Balanced;
        malformed = false;
        var words = (arguments ?? "").Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || !string.Equals(words[0], InstructionsWord, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parsed = words.Length is 2 or 3 ? CompactDate.Parse(words[1]) : null;
        malformed = parsed is not { Success: true } || !RoutineFoci.TryParse(words.Length == 3 ? words[2] : "", out focus);
        if (!malformed)
        {
            date = parsed!.Value;
        }

        return true;
    }

    /// <summary>Whether a Telegram start payload asks for a day's instructions (and which).</summary>
    public static bool TryParseStartPayload(string payload, out LocalDate date, out RoutineFocus focus)
    {
        if (StartPayloadShape().IsMatch(payload ?? "") && TryParseInstructions(payload!, out date, out focus, out var malformed) && !malformed)
        {
            return true;
        }

        date = default;
        focus = RoutineFocus.Balanced;
        return false;
    }

    private static Paragraph Summary(PlannedRoutine routine, string safetyNote) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"About {routine.Minutes} minutes, {routine.Items.Count} exercises. {safetyNote}"));

    private static string Title(PlannedRoutine routine)
    {
        var focus = routine.Focus.ToId() is { } id ? $" · {id}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"Routine for {routine.Date:ddd d MMM}{focus}");
    }

    [GeneratedRegex("^howto_[0-9]{8}(_[a-z]{1,16})?$")]
    private static partial Regex StartPayloadShape();
}

using System.Globalization;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
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
        ForChatIn(routine, safetyNote, isDirect, Languages.EnglishCulture);

    /// <summary>The full form in a direct chat, the compact form anywhere else, in the culture's words.</summary>
    public static Reply ForChatIn(PlannedRoutine routine, string safetyNote, bool isDirect, CultureInfo culture) =>
        isDirect ? BuildIn(routine, safetyNote, culture) : BuildCompactIn(routine, culture);

    /// <summary>The Done button labelled in the culture's language.</summary>
    public static ReplyButton DoneButtonIn(CultureInfo culture) => new(ChatTexts.Get("button.done", culture), DoneAction);

    public static Reply Build(PlannedRoutine routine, string safetyNote) => BuildIn(routine, safetyNote, Languages.EnglishCulture);

    /// <summary>
    /// The routine in the culture's words. <paramref name="routine"/>'s exercises and <paramref name="safetyNote"/> are
    /// already in that language (<see cref="ExerciseCatalog.In"/>, <see cref="Localize"/>).
    /// </summary>
    public static Reply BuildIn(PlannedRoutine routine, string safetyNote, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(culture);
        var blocks = new List<ReplyBlock>
        {
            new Paragraph(ChatTexts.Format("routine.summary", culture, routine.Minutes, routine.Items.Count, safetyNote)),
        };
        var number = 1;
        foreach (var exercise in routine.Items)
        {
            var items = new List<string>(exercise.Steps) { FormIn(exercise, culture) };
            if (exercise.Easier is not null)
            {
                items.Add(ChatTexts.Format("routine.easier", culture, exercise.Easier));
            }

            if (exercise.Harder is not null)
            {
                items.Add(ChatTexts.Format("routine.harder", culture, exercise.Harder));
            }

            blocks.Add(new BulletList(items, ItemIn(number++, exercise, culture)));
        }

        blocks.Add(new Paragraph(ChatTexts.Get("routine.finished", culture)));
        return new Reply
        {
            Title = TitleIn(routine, culture),
            Blocks = blocks,
            Buttons = [DoneButtonIn(culture)],
            Kind = ReplyKinds.Routine,
        };
    }

    /// <summary>An exercise's form cues as one line: "Form: …" (Chinese cues are full sentences, run on without spaces).</summary>
    public static string FormIn(Exercise exercise, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return ChatTexts.Format("routine.form", culture, string.Join(Languages.IsChinese(culture) ? "" : " ", exercise.Cues));
    }

    /// <summary>A numbered exercise heading: "1. Clamshell — 12 reps × 2 sets, each side".</summary>
    public static string ItemIn(int number, Exercise exercise, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return ChatTexts.Format("routine.item", culture, number, exercise.Name, exercise.Dose.DescribeIn(culture));
    }

    /// <summary>The compact post's one-line safety note; the catalogue's full note comes with the instructions.</summary>
    public const string CompactSafetyNote = "Move gently and stop any exercise that causes sharp pain.";

    /// <summary>The compact form for a group or channel: one line per exercise (name, dose), Done and "How to do these".</summary>
    public static Reply BuildCompact(PlannedRoutine routine) => BuildCompactIn(routine, Languages.EnglishCulture);

    /// <summary>The compact form in the culture's words (<paramref name="routine"/> already localised, <see cref="Localize"/>).</summary>
    public static Reply BuildCompactIn(PlannedRoutine routine, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(culture);
        var lines = routine.Items.Select((exercise, i) => ItemIn(i + 1, exercise, culture)).ToList();
        return new Reply
        {
            Title = TitleIn(routine, culture),
            Blocks =
            [
                new Paragraph(ChatTexts.Format("routine.compact.summary", culture, routine.Minutes, routine.Items.Count)),
                new BulletList(lines),
                new Paragraph(ChatTexts.Get("routine.compact.finished", culture)),
            ],
            Buttons = [DoneButtonIn(culture), InstructionsButtonIn(routine.Date, routine.Focus, culture)],
            Kind = ReplyKinds.Routine,
        };
    }

    /// <summary>
    /// The full form of that day's routine for the person who asked, privately: an ephemeral reply on Discord, the
    /// private chat on Telegram (or a deep link there, <see cref="Reply.StartPayload"/>, when the bot may not write first).
    /// </summary>
    public static Reply Instructions(PlannedRoutine routine, string safetyNote) => InstructionsIn(routine, safetyNote, Languages.EnglishCulture);

    /// <summary>The private full form of a day's routine in the culture's words.</summary>
    public static Reply InstructionsIn(PlannedRoutine routine, string safetyNote, CultureInfo culture) => BuildIn(routine, safetyNote, culture) with
    {
        IsPrivate = true,
        StartPayload = StartPayload(routine.Date, routine.Focus),
    };

    /// <summary><c>routine:howto 20261202 hips</c>: at most 33 bytes, well within Telegram's 64-byte callback data and Discord's 100-character custom id.</summary>
    public static ReplyButton InstructionsButton(LocalDate date, RoutineFocus focus) => InstructionsButtonIn(date, focus, Languages.EnglishCulture);

    /// <summary>The "How to do these" button labelled in the culture's language.</summary>
    public static ReplyButton InstructionsButtonIn(LocalDate date, RoutineFocus focus, CultureInfo culture) =>
        new(ChatTexts.Get("button.howto", culture), "routine:" + InstructionsArguments(date, focus));

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

    private static string TitleIn(PlannedRoutine routine, CultureInfo culture)
    {
        var day = ChatTexts.Day(routine.Date, culture);
        return routine.Focus.ToId() is { } id
            ? ChatTexts.Format("routine.title.focus", culture, day, ChatTexts.Get("focus." + id, culture))
            : ChatTexts.Format("routine.title", culture, day);
    }

    [GeneratedRegex("^howto_[0-9]{8}(_[a-z]{1,16})?$")]
    private static partial Regex StartPayloadShape();

    /// <summary>
    /// The same plan with each exercise's texts from <paramref name="texts"/> (matched by id), its doses kept, its
    /// harder variant's name and steps too. Localize before levelling, so the top level swaps in the translated variant.
    /// </summary>
    public static PlannedRoutine Localize(PlannedRoutine routine, ExerciseCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(texts);
        return routine with
        {
            Items = [.. routine.Items.Select(e => texts.Exercises.FirstOrDefault(t => t.Id == e.Id) is { } t
                ? e with { Name = t.Name, Steps = t.Steps, Cues = t.Cues, Easier = t.Easier, Harder = t.Harder, HarderVariant = t.HarderVariant }
                : e)],
        };
    }
}

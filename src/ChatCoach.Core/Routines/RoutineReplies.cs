using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Routines;

/// <summary>Turns a planned routine into a reply; the routine command and the daily post share it.</summary>
public static class RoutineReplies
{
    public const string DoneAction = "done";

    public static ReplyButton DoneButton { get; } = new("Done ✅", DoneAction);

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
        var cueSeparator = Languages.IsChinese(culture) ? "" : " ";
        foreach (var exercise in routine.Items)
        {
            var items = new List<string>(exercise.Steps) { ChatTexts.Format("routine.form", culture, string.Join(cueSeparator, exercise.Cues)) };
            if (exercise.Easier is not null)
            {
                items.Add(ChatTexts.Format("routine.easier", culture, exercise.Easier));
            }

            if (exercise.Harder is not null)
            {
                items.Add(ChatTexts.Format("routine.harder", culture, exercise.Harder));
            }

            blocks.Add(new BulletList(items, ChatTexts.Format("routine.item", culture, number++, exercise.Name, exercise.Dose.DescribeIn(culture))));
        }

        blocks.Add(new Paragraph(ChatTexts.Get("routine.finished", culture)));
        var day = ChatTexts.Day(routine.Date, culture);
        return new Reply
        {
            Title = routine.Focus.ToId() is { } id
                ? ChatTexts.Format("routine.title.focus", culture, day, ChatTexts.Get("focus." + id, culture))
                : ChatTexts.Format("routine.title", culture, day),
            Blocks = blocks,
            Buttons = [DoneButtonIn(culture)],
            Kind = ReplyKinds.Routine,
        };
    }

    /// <summary>
    /// The same plan with each exercise's texts from <paramref name="texts"/> (matched by id), its doses kept. Localize
    /// before levelling: a harder variant has no translation yet, so it keeps its English texts.
    /// </summary>
    public static PlannedRoutine Localize(PlannedRoutine routine, ExerciseCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(texts);
        return routine with
        {
            Items = [.. routine.Items.Select(e => texts.Exercises.FirstOrDefault(t => t.Id == e.Id) is { } t
                ? e with { Name = t.Name, Steps = t.Steps, Cues = t.Cues, Easier = t.Easier, Harder = t.Harder }
                : e)],
        };
    }
}

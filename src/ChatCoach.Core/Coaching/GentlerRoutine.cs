using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Routines;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>
/// The personal routine after pain: recovery focus, every exercise in its easier variant, nothing that bends the knee
/// deeply (catalogue flag <c>deepKneeBend</c>), and the running-load line.
/// </summary>
public static class GentlerRoutine
{
    public static string RunningLoadLine(CultureInfo culture) => CoachingTexts.Get("gentle.runningLoad", culture);

    public static PlannedRoutine Plan(ExerciseCatalog catalog, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var gentle = catalog.Exercises.Where(e => !e.DeepKneeBend && e.Kind != ExerciseKind.Strength).ToList();
        var warmUps = gentle.Where(e => e.Kind == ExerciseKind.Mobility && !e.PostRun).ToList();
        if (warmUps.Count == 0)
        {
            throw new InvalidOperationException("The catalogue needs a warm-up without deep knee bends for the gentler routine.");
        }

        // The warm-up rotates by day like the shared routine; then the stretches, the post-run ones last.
        var warmUp = warmUps[(int)((uint)date.ToDateOnly().DayNumber % (uint)warmUps.Count)];
        Exercise[] items =
        [
            warmUp,
            .. gentle.Where(e => e.Kind == ExerciseKind.Stretch && !e.PostRun),
            .. gentle.Where(e => e.Kind == ExerciseKind.Stretch && e.PostRun),
            .. gentle.Where(e => e.Kind == ExerciseKind.Mobility && e.PostRun),
        ];
        return new PlannedRoutine(date, RoutineFocus.Recovery, items);
    }

    public static Reply Build(PlannedRoutine routine, string safetyNote) => BuildIn(routine, safetyNote, Languages.EnglishCulture);

    /// <summary>The gentler routine in the culture's words; <paramref name="routine"/> and <paramref name="safetyNote"/> are already in that language (<see cref="RoutineReplies.Localize"/>).</summary>
    public static Reply BuildIn(PlannedRoutine routine, string safetyNote, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(culture);
        var blocks = new List<ReplyBlock>
        {
            new Paragraph(CoachingTexts.Format("gentle.intro", culture, routine.Minutes, safetyNote)),
        };
        var number = 1;
        foreach (var exercise in routine.Items)
        {
            var items = new List<string>();
            if (exercise.Easier is not null)
            {
                items.Add(CoachingTexts.Format("gentle.easier", culture, exercise.Easier));
            }

            items.AddRange(exercise.Steps);
            items.Add(RoutineReplies.FormIn(exercise, culture));
            blocks.Add(new BulletList(items, RoutineReplies.ItemIn(number++, exercise, culture)));
        }

        blocks.Add(new Paragraph(RunningLoadLine(culture)));
        blocks.Add(new Paragraph(ChatTexts.Get("routine.finished", culture)));
        return new Reply
        {
            Title = CoachingTexts.Format("gentle.title", culture, ChatTexts.Day(routine.Date, culture)),
            Blocks = blocks,
            Buttons = [RoutineReplies.DoneButtonIn(culture)],
            Kind = ReplyKinds.Routine,
            IsPrivate = true,
        };
    }
}

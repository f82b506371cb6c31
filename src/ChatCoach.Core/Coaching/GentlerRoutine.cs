using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>
/// The personal routine after pain: recovery focus, every exercise in its easier variant, nothing that bends the knee
/// deeply (catalogue flag <c>deepKneeBend</c>), and the running-load line.
/// </summary>
public static class GentlerRoutine
{
    public const string RunningLoadLine =
        "Running: keep any pain while you run at or below about 2 out of 10, and back to normal by the next morning. If it goes higher or lingers, cut back the distance or take a few days off running.";

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

    public static Reply Build(PlannedRoutine routine, string safetyNote)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var blocks = new List<ReplyBlock>
        {
            new Paragraph(string.Create(
                CultureInfo.InvariantCulture,
                $"Your knee was sore recently, so today is your gentler version: about {routine.Minutes} minutes of recovery, easier variants, no deep knee bends. {safetyNote}")),
        };
        var number = 1;
        foreach (var exercise in routine.Items)
        {
            var items = new List<string>();
            if (exercise.Easier is not null)
            {
                items.Add("Do it the easier way: " + exercise.Easier);
            }

            items.AddRange(exercise.Steps);
            items.Add("Form: " + string.Join(" ", exercise.Cues));
            blocks.Add(new BulletList(items, string.Create(
                CultureInfo.InvariantCulture,
                $"{number++}. {exercise.Name} — {exercise.Dose.Describe()}")));
        }

        blocks.Add(new Paragraph(RunningLoadLine));
        blocks.Add(new Paragraph("Finished? Press Done to count today towards your streak."));
        return new Reply
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"Your gentler routine for {routine.Date:ddd d MMM}"),
            Blocks = blocks,
            Buttons = [RoutineReplies.DoneButton],
            Kind = ReplyKinds.Routine,
            IsPrivate = true,
        };
    }
}

using System.Globalization;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Routines;

/// <summary>Turns a planned routine into a reply; the routine command and the daily post share it.</summary>
public static class RoutineReplies
{
    public const string DoneAction = "done";

    public static ReplyButton DoneButton { get; } = new("Done ✅", DoneAction);

    public static Reply Build(PlannedRoutine routine, string safetyNote)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var focus = routine.Focus.ToId() is { } id ? $" · {id}" : "";
        var blocks = new List<ReplyBlock>
        {
            new Paragraph(string.Create(
                CultureInfo.InvariantCulture,
                $"About {routine.Minutes} minutes, {routine.Items.Count} exercises. {safetyNote}")),
        };
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
            Title = string.Create(CultureInfo.InvariantCulture, $"Routine for {routine.Date:ddd d MMM}{focus}"),
            Blocks = blocks,
            Buttons = [DoneButton],
            Kind = ReplyKinds.Routine,
        };
    }
}

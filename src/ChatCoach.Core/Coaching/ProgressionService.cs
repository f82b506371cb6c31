using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Coaching;

public enum LevelChange
{
    None,
    Up,
    Down,
}

/// <summary>A person's level today, their programme week (1 in the week of their first Done) and what just changed.</summary>
public sealed record ProgressionView(int Level, int Week, LevelChange Change);

/// <summary>Reads and advances a person's progression level in their zone (<see cref="ProgressionRules"/>), storing each change.</summary>
public sealed class ProgressionService(IProgressionStore store, ICompletionStore completions, ICheckInStore checkIns, PersonClock clock)
{
    /// <summary>Today's level. The first call after a change reports it (and stores it), so one reply announces it.</summary>
    public async Task<ProgressionView> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var today = await clock.TodayAsync(person, cancellationToken);
        var stored = await store.GetAsync(person, cancellationToken) ?? ProgressionState.Start;
        var first = ProgressionRules.FirstDayRead(today);
        var done = await completions.GetDatesAsync(person, first, today, cancellationToken);
        var pain = await checkIns.GetRangeAsync(person, first, today, cancellationToken);
        var next = ProgressionRules.Advance(stored, done, pain, today);
        if (!ReferenceEquals(next, stored))
        {
            // Replaying is deterministic, so two replies racing here store the same state.
            await store.SaveAsync(person, next, cancellationToken);
        }

        var all = await completions.GetAllDatesAsync(person, cancellationToken);
        var week = all.Count == 0 ? 1 : (Period.DaysBetween(WeeklyTarget.WeekStart(all.Min()), WeeklyTarget.WeekStart(today)) / 7) + 1;
        var change = next.Level > stored.Level ? LevelChange.Up : next.Level < stored.Level ? LevelChange.Down : LevelChange.None;
        return new ProgressionView(next.Level, week, change);
    }

    /// <summary>The shared routine at the person's level in English, named "week 3, level 2".</summary>
    public static Reply Build(PlannedRoutine shared, ProgressionView view, string safetyNote) =>
        BuildIn(shared, view, safetyNote, People.Languages.EnglishCulture);

    /// <summary>
    /// The shared routine at the person's level, named "week 3, level 2", with a line when the level just changed, in
    /// the culture's words (<paramref name="shared"/> and <paramref name="safetyNote"/> already in that language).
    /// </summary>
    public static Reply BuildIn(PlannedRoutine shared, ProgressionView view, string safetyNote, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(culture);
        var leveled = new PlannedRoutine(shared.Date, shared.Focus, [.. shared.Items.Select(e => ProgressionRules.AtLevelIn(e, view.Level, culture))]);
        var reply = RoutineReplies.BuildIn(leveled, safetyNote, culture);
        var line = view.Change switch
        {
            LevelChange.Up => ChatTexts.Format(view.Level == ProgressionRules.MaxLevel ? "level.up.top" : "level.up", culture, ProgressionRules.SessionsToStepUp, ProgressionRules.WindowDays, view.Level),
            LevelChange.Down => ChatTexts.Format("level.down", culture, view.Level, ProgressionRules.SessionsToStepUp),
            _ => ChatTexts.Format("level.same", culture, view.Level, ProgressionRules.MaxLevel),
        };
        return reply with
        {
            Title = ChatTexts.Format("level.title", culture, reply.Title, view.Week, view.Level),
            Blocks = [new Paragraph(line), .. reply.Blocks],
        };
    }
}

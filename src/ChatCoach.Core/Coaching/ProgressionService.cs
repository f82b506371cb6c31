using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
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

    /// <summary>The shared routine at the person's level, named "week 3, level 2", with a line when the level just changed.</summary>
    public static Reply BuildIn(PlannedRoutine shared, ProgressionView view, string safetyNote, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (!People.Languages.IsChinese(culture))
        {
            return Build(shared, view, safetyNote);
        }

        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(view);
        var leveled = new PlannedRoutine(shared.Date, shared.Focus, [.. shared.Items.Select(e => ProgressionRules.AtLevel(e, view.Level))]);
        var reply = RoutineReplies.BuildIn(leveled, safetyNote, culture);
        var line = view.Change switch
        {
            LevelChange.Up => Resources.ChatTexts.Format(view.Level == ProgressionRules.MaxLevel ? "level.up.top" : "level.up", culture, ProgressionRules.SessionsToStepUp, ProgressionRules.WindowDays, view.Level),
            LevelChange.Down => Resources.ChatTexts.Format("level.down", culture, view.Level, ProgressionRules.SessionsToStepUp),
            _ => Resources.ChatTexts.Format("level.same", culture, view.Level, ProgressionRules.MaxLevel),
        };
        return reply with
        {
            Title = Resources.ChatTexts.Format("level.title", culture, reply.Title, view.Week, view.Level),
            Blocks = [new Paragraph(line), .. reply.Blocks],
        };
    }

    public static Reply Build(PlannedRoutine shared, ProgressionView view, string safetyNote)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(view);
        var leveled = new PlannedRoutine(shared.Date, shared.Focus, [.. shared.Items.Select(e => ProgressionRules.AtLevel(e, view.Level))]);
        var reply = RoutineReplies.Build(leveled, safetyNote);
        var name = string.Create(CultureInfo.InvariantCulture, $"week {view.Week}, level {view.Level}");
        var line = view.Change switch
        {
            LevelChange.Up => string.Create(CultureInfo.InvariantCulture, $"Level up: {ProgressionRules.SessionsToStepUp} sessions in {ProgressionRules.WindowDays} days with little pain, so today's doses step up to level {view.Level}{(view.Level == ProgressionRules.MaxLevel ? ", the harder variants (the top level)" : "")}."),
            LevelChange.Down => string.Create(CultureInfo.InvariantCulture, $"A sore check-in, so today's doses step back to level {view.Level}. They step up again after {ProgressionRules.SessionsToStepUp} comfortable sessions."),
            _ => string.Create(CultureInfo.InvariantCulture, $"Your doses: level {view.Level} of {ProgressionRules.MaxLevel}."),
        };
        return reply with
        {
            Title = reply.Title + " — " + name,
            Blocks = [new Paragraph(line), .. reply.Blocks],
        };
    }
}

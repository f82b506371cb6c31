using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;

namespace ChatCoach.Core.Coaching;

/// <summary>Reads a person's completions, check-ins and pauses and applies <see cref="WeeklyTarget"/> in their zone.</summary>
public sealed class WeeklyTargetService(ICompletionStore completions, ICheckInStore checkIns, PersonClock clock, IPauseStore? pauses = null)
{
    public async Task<WeeklyStanding> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var today = await clock.TodayAsync(person, cancellationToken);
        var first = WeeklyTarget.WeekStart(today).PlusWeeks(-WeeklyTarget.MaxWeeks);
        var done = await completions.GetDatesAsync(person, first, today, cancellationToken);

        // A gentler day is decided by the check-ins before it, so those from two weeks earlier are read too.
        var pain = await checkIns.GetRangeAsync(person, first.PlusDays(-AdaptationRules.LookBackDays), today, cancellationToken);
        var paused = pauses is null ? [] : (await pauses.GetAsync(person, cancellationToken)).Pauses;
        return WeeklyTarget.Evaluate(done.Where(d => !AdaptationRules.IsGentleDay(pain, d)), today, [.. paused]);
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>Starts and ends injury pauses on the person's local dates; the streak rules read them (<see cref="PauseSpan"/>).</summary>
public sealed class PauseService(IPauseStore store, PersonClock clock)
{
    public const int MinDays = 1;
    public const int MaxDays = 28;
    public const int DefaultDays = 7;

    // One person's pause edits in this process one after the other (a pause is read, changed and written back).
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Pauses from today for <paramref name="days"/> local days; a pause already running is replaced from today on.</summary>
    public Task<PauseSpan> PauseAsync(PersonKey person, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, MinDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        return EditAsync(person, (history, today) =>
        {
            var span = new PauseSpan(today, today.PlusDays(days - 1));
            return (new PauseHistory([.. EndBefore(history.Pauses, today), span], WelcomedBack: false), span);
        }, cancellationToken);
    }

    /// <summary>Ends the running pause (today is a normal day again). Returns false when none was running.</summary>
    public Task<bool> ResumeAsync(PersonKey person, CancellationToken cancellationToken) =>
        EditAsync(person, (history, today) =>
        {
            if (!StreakRules.IsPaused(history.Pauses, today))
            {
                return (history, false);
            }

            // The resume reply carries the welcome back, so it is not repeated later.
            return (new PauseHistory(EndBefore(history.Pauses, today), WelcomedBack: true), true);
        }, cancellationToken);

    /// <summary>True once, on the first call after a pause ran out by itself: the caller shows the welcome back.</summary>
    public Task<bool> TakeWelcomeBackAsync(PersonKey person, CancellationToken cancellationToken) =>
        EditAsync(person, (history, today) =>
        {
            if (history.WelcomedBack || history.Pauses.Count == 0 || history.Pauses[^1].Last >= today)
            {
                return (history, false);
            }

            return (history with { WelcomedBack = true }, true);
        }, cancellationToken);

    /// <summary>The last day of the pause today is in, or null.</summary>
    public async Task<LocalDate?> PausedUntilAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(person, cancellationToken);
        return (await store.GetAsync(person, cancellationToken)).Pauses.FirstOrDefault(p => p.Contains(today))?.Last;
    }

    /// <summary>The pauses with today and later cut off (a pause starting today disappears).</summary>
    private static List<PauseSpan> EndBefore(IReadOnlyList<PauseSpan> pauses, LocalDate today) =>
        [.. pauses
            .Where(p => p.First < today)
            .Select(p => p.Last >= today ? p with { Last = today.PlusDays(-1) } : p)];

    private async Task<T> EditAsync<T>(PersonKey person, Func<PauseHistory, LocalDate, (PauseHistory History, T Result)> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var gate = _locks[(int)((uint)person.GetHashCode() % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var today = await TodayAsync(person, cancellationToken);
            var before = await store.GetAsync(person, cancellationToken);
            var (after, result) = edit(before, today);
            if (!ReferenceEquals(before, after))
            {
                await store.SaveAsync(person, after, cancellationToken);
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<LocalDate> TodayAsync(PersonKey person, CancellationToken cancellationToken)
    {
        return await clock.TodayAsync(person, cancellationToken);
    }
}

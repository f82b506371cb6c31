using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>What a pain check-in recorded and what follows from it.</summary>
/// <param name="Replaced">True when it replaced an earlier check-in of the same day.</param>
/// <param name="GentleTomorrow">True when tomorrow's personal routine will be the gentler one.</param>
/// <param name="ProfessionalDue">True when the rules call for a professional and none was suggested this week.</param>
public sealed record PainOutcome(LocalDate Date, int Score, bool Replaced, bool GentleTomorrow, bool ProfessionalDue);

/// <summary>Pain check-ins and the personal adjustments they lead to, in the person's own zone.</summary>
public sealed class CoachingService(ICheckInStore checkIns, PersonClock clock)
{
    public async Task<PainOutcome> RecordPainAsync(PersonKey person, int score, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentOutOfRangeException.ThrowIfLessThan(score, PainCheckIn.MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, PainCheckIn.MaxScore);
        var today = await TodayAsync(person, cancellationToken);
        var replaced = await checkIns.SaveAsync(new PainCheckIn(person, today, score, clock.Now), cancellationToken);
        var recent = await RecentAsync(person, today, cancellationToken);
        var professional = AdaptationRules.CallsForProfessional(recent, today)
            && AdaptationRules.MayRefer(await checkIns.GetLastReferralAsync(person, cancellationToken), today);
        return new PainOutcome(today, score, replaced, AdaptationRules.IsGentleDay(recent, today.PlusDays(1)), professional);
    }

    /// <summary>Remembers that the suggestion to see a professional was shown today (call only once it is).</summary>
    public async Task MarkReferredAsync(PersonKey person, CancellationToken cancellationToken) =>
        await checkIns.SetLastReferralAsync(person, await TodayAsync(person, cancellationToken), cancellationToken);

    /// <summary>True when today's personal routine is the gentler one.</summary>
    public async Task<bool> IsGentleTodayAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(person, cancellationToken);
        return AdaptationRules.IsGentleDay(await RecentAsync(person, today, cancellationToken), today);
    }

    public async Task<LocalDate> TodayAsync(PersonKey person, CancellationToken cancellationToken)
    {
        return await clock.TodayAsync(person, cancellationToken);
    }

    private Task<IReadOnlyList<PainCheckIn>> RecentAsync(PersonKey person, LocalDate today, CancellationToken cancellationToken) =>
        checkIns.GetRangeAsync(person, today.PlusDays(-AdaptationRules.LookBackDays), today, cancellationToken);
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary>What <c>/forget</c> deleted, by kind.</summary>
public sealed record ForgetOutcome(int Accounts, int Profiles, int Completions, int StreakSummaries, int CheckIns, int Pauses, int LeaderboardEntries, int SubscriptionsKept, int Reminders = 0, int ProgressionLevels = 0);

/// <summary>
/// A person's data across every person-keyed store: merged into another person (linking), copied out (unlinking) and
/// deleted (forgetting). The caller holds the people's locks (<see cref="PersonGate"/>). Merges only add to the target,
/// so an interruption leaves a duplicate to finish by repeating the command, never a loss.
/// </summary>
public sealed class PersonData(
    IPersonStore people,
    ICompletionStore completions,
    IStreakSummaryStore summaries,
    IStreakActivityStore activity,
    IPauseStore pauses,
    ICheckInStore? checkIns = null,
    ISubscriptionStore? subscriptions = null,
    IProgressionStore? progression = null,
    IReminderStore? reminders = null)
{
    // Check-ins are read as one primary-key range; these bounds format as plain ISO dates.
    internal static readonly LocalDate FirstDate = new(1, 1, 1);
    internal static readonly LocalDate LastDate = new(9999, 12, 31);

    public IPersonStore People => people;

    public ICompletionStore Completions => completions;

    public IStreakSummaryStore Summaries => summaries;

    public IStreakActivityStore Activity => activity;

    public IPauseStore Pauses => pauses;

    public ICheckInStore? CheckIns => checkIns;

    public ISubscriptionStore? Subscriptions => subscriptions;

    public IProgressionStore? Progression => progression;

    public IReminderStore? Reminders => reminders;

    /// <summary>
    /// Adds <paramref name="source"/>'s data to <paramref name="target"/>: completions are the union of local dates (a
    /// date done by both counts once, the earlier record kept), pauses the union of paused days, the streak and freezes
    /// are folded again from the union by <see cref="StreakRules"/>, the source's zone and chosen language win when it has them, check-ins
    /// keep the later one of a date. Returns the merged profile.
    /// </summary>
    public async Task<PersonProfile> MergeAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken)
    {
        var sourceProfile = await people.FindAsync(source, cancellationToken);
        var targetProfile = await people.FindAsync(target, cancellationToken);
        var name = sourceProfile?.DisplayName ?? targetProfile?.DisplayName ?? "Someone";
        var profile = new PersonProfile(target, name, sourceProfile?.TimeZoneId ?? targetProfile?.TimeZoneId);
        await people.SaveAsync(profile, cancellationToken);

        // Like the zone: the source's chosen language wins when it chose one.
        var sourceLanguage = await people.FindLanguageAsync(source, cancellationToken);
        if (sourceLanguage is not null && sourceLanguage != await people.FindLanguageAsync(target, cancellationToken))
        {
            await people.SaveLanguageAsync(target, sourceLanguage, cancellationToken);
        }

        var sourcePauses = await pauses.GetAsync(source, cancellationToken);
        var targetPauses = await pauses.GetAsync(target, cancellationToken);
        var mergedPauses = new PauseHistory(MergePauses(sourcePauses.Pauses, targetPauses.Pauses), sourcePauses.WelcomedBack && targetPauses.WelcomedBack);
        if (mergedPauses.Pauses.Count > 0 || !mergedPauses.WelcomedBack)
        {
            await pauses.SaveAsync(target, mergedPauses, cancellationToken);
        }

        var dates = new SortedSet<LocalDate>(await completions.GetAllDatesAsync(target, cancellationToken));
        foreach (var completion in await completions.GetAllAsync(source, cancellationToken))
        {
            if (dates.Add(completion.Date))
            {
                // Each insert carries the summary as it stands with it, so the cache never runs ahead of the rows.
                var state = StreakRules.Fold(dates, mergedPauses.Pauses);
                await completions.TryAddAsync(completion with { Person = target }, new StreakSummary(target, name, profile.TimeZoneId, state), cancellationToken);
            }
        }

        await summaries.SaveAsync(new StreakSummary(target, name, profile.TimeZoneId, StreakRules.Fold(dates, mergedPauses.Pauses)), cancellationToken);

        if (checkIns is not null)
        {
            var existing = (await checkIns.GetRangeAsync(target, FirstDate, LastDate, cancellationToken)).ToDictionary(c => c.Date);
            foreach (var checkIn in await checkIns.GetRangeAsync(source, FirstDate, LastDate, cancellationToken))
            {
                if (!existing.TryGetValue(checkIn.Date, out var kept) || kept.RecordedAt < checkIn.RecordedAt)
                {
                    await checkIns.SaveAsync(checkIn with { Person = target }, cancellationToken);
                }
            }

            var sourceReferral = await checkIns.GetLastReferralAsync(source, cancellationToken);
            var targetReferral = await checkIns.GetLastReferralAsync(target, cancellationToken);
            if (sourceReferral is { } referral && (targetReferral is null || targetReferral < referral))
            {
                await checkIns.SetLastReferralAsync(target, referral, cancellationToken);
            }
        }

        if (progression is not null && await progression.GetAsync(source, cancellationToken) is { } sourceLevel)
        {
            // The lower level of the two: doses grow again with the merged history, never jump past what one body did.
            var targetLevel = await progression.GetAsync(target, cancellationToken);
            if (targetLevel is null || sourceLevel.Level < targetLevel.Level)
            {
                await progression.SaveAsync(target, sourceLevel, cancellationToken);
            }
        }

        if (reminders is not null && await reminders.GetAsync(source, cancellationToken) is { } sourceReminder
            && await reminders.GetAsync(target, cancellationToken) is null)
        {
            // The target's own reminder wins; without one, the source's keeps its time and its direct chat.
            await reminders.SaveAsync(sourceReminder with { Person = target }, cancellationToken);
        }

        await activity.CopyPersonAsync(source, target, cancellationToken);
        return profile;
    }

    /// <summary>Deletes everything stored under <paramref name="person"/> except subscriptions (see <see cref="ForgetCreatorAsync"/>).</summary>
    public async Task<ForgetOutcome> DeleteAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var profiles = await people.DeletePersonAsync(person, cancellationToken);
        var done = await completions.DeletePersonAsync(person, cancellationToken);
        var cached = await summaries.DeletePersonAsync(person, cancellationToken);
        var checks = checkIns is null ? 0 : await checkIns.DeletePersonAsync(person, cancellationToken);
        var paused = await pauses.DeletePersonAsync(person, cancellationToken);
        var boards = await activity.DeletePersonAsync(person, cancellationToken);
        var nudges = reminders is null ? 0 : await reminders.DeletePersonAsync(person, cancellationToken);
        var levels = progression is null ? 0 : await progression.DeletePersonAsync(person, cancellationToken);
        return new ForgetOutcome(0, profiles, done, cached, checks, paused, boards, 0, nudges, levels);
    }

    /// <summary>
    /// The person's group subscriptions stay with their chats but no longer name them; those of their own direct chats
    /// go. Returns how many stay (the reply says so; the deleted ones are not "kept").
    /// </summary>
    public async Task<int> ForgetCreatorAsync(PersonKey person, CancellationToken cancellationToken)
    {
        if (subscriptions is null)
        {
            return 0;
        }

        var kept = (await subscriptions.FindCreatedByAsync(person, cancellationToken)).Count(s => !s.IsDirectChatOf(person));
        await subscriptions.DeletePersonAsync(person, cancellationToken);
        return kept;
    }

    /// <summary>The union of the paused days of both, as non-overlapping spans (the streak rules need them apart).</summary>
    internal static List<PauseSpan> MergePauses(IEnumerable<PauseSpan> first, IEnumerable<PauseSpan> second)
    {
        var merged = new List<PauseSpan>();
        foreach (var span in first.Concat(second).OrderBy(p => p.First))
        {
            if (merged.Count > 0 && span.First <= merged[^1].Last.PlusDays(1))
            {
                merged[^1] = merged[^1] with { Last = LocalDate.Max(merged[^1].Last, span.Last) };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using NodaTime;

namespace ChatCoach.Core.Streaks;

/// <summary>The result of pressing Done.</summary>
/// <param name="Counted">False when today was already counted (another press, device or chat).</param>
/// <param name="Date">The local date that was (or already had been) counted.</param>
/// <param name="Standing">The streak after this press.</param>
/// <param name="FreezeSpent">True when a freeze just covered yesterday.</param>
/// <param name="FreezeEarned">True when this completion earned a freeze.</param>
/// <param name="HasZone">False when the person has not set a zone and days are counted in UTC.</param>
public sealed record DoneOutcome(bool Counted, LocalDate Date, StreakStanding Standing, bool FreezeSpent, bool FreezeEarned, bool HasZone)
{
    /// <summary>The last day of the pause today falls in; nothing was counted.</summary>
    public LocalDate? PausedUntil { get; init; }

    /// <summary>True when the press reached the bot on a later local day than it was made (an outage): <see cref="Date"/> is the day of the press.</summary>
    public bool Late { get; init; }
}

/// <summary>One day in the recent-days strip.</summary>
public enum DayMark
{
    Missed,
    Done,
    Frozen,
    Paused,
}

/// <summary>A person's streak as <c>/streak</c> shows it.</summary>
public sealed record StreakView(StreakStanding Standing, LocalDate Today, IReadOnlyList<DayMark> LastDays, bool HasZone)
{
    /// <summary>The last day of the pause today falls in, if any.</summary>
    public LocalDate? PausedUntil { get; init; }
}

/// <summary>A leaderboard line.</summary>
public sealed record LeaderboardEntry(int Rank, string DisplayName, int Current, bool CompletedToday);

/// <summary>
/// Records completions and reads streaks. Completions are the truth; the per-person summary is a cache folded from
/// them and rebuilt whenever it is missing or a date arrives out of order. Each person's updates are serialised
/// in this process; the store's unique (person, date) key keeps a day counted once even across processes.
/// </summary>
public sealed class StreakService(
    ICompletionStore completions,
    IStreakSummaryStore summaries,
    IStreakActivityStore activity,
    IPersonStore people,
    TimeProvider time,
    IPauseStore? pauses = null)
{
    public const int RecentDays = 7;
    public const int LeaderboardSize = 10;
    private const int MaxDisplayNameLength = 64;

    // Striped locks: bounded memory however many people press Done; two people sharing a stripe only wait briefly.
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<DoneOutcome> RecordDoneAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var person = message.Person;
        var gate = _locks[(int)((uint)person.GetHashCode() % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The profile's new name is saved with the press's other writes: in the completion's own transaction when
            // the store can (one commit per press), otherwise before anything else as separate writes.
            var (profile, profileChanged) = await ProfileForAsync(message, cancellationToken);
            var together = completions is IDonePressStore store && store.Covers(people, activity) ? store : null;
            async Task WriteApartAsync(bool withActivity)
            {
                if (profileChanged)
                {
                    await people.SaveAsync(profile, cancellationToken);
                    profileChanged = false;
                }

                if (withActivity)
                {
                    await activity.RecordAsync(message.Chat, person, profile.DisplayName, cancellationToken);
                }
            }

            if (together is null)
            {
                await WriteApartAsync(withActivity: false);
            }

            var zone = Zones.FromId(profile.TimeZoneId);
            // A press that reached us late (it waited through an outage) counts the day it was made on; never a future one.
            var handledAt = PersonClock.UtcNow(time);
            var now = (message.OccurredAt is { } occurred && occurred < handledAt ? occurred : handledAt).InZone(zone);
            var today = now.Date;
            var late = today != handledAt.InZone(zone).Date;

            var paused = (await PausesAsync(person, cancellationToken)).Pauses;
            if (paused.FirstOrDefault(p => p.Contains(today)) is { } pause)
            {
                await WriteApartAsync(withActivity: false);
                var current = (await summaries.FindAsync(person, cancellationToken))?.State ?? StreakRules.Fold(await completions.GetAllDatesAsync(person, cancellationToken), paused);
                return new DoneOutcome(false, today, StreakRules.Evaluate(current, today, paused), false, false, profile.TimeZoneId is not null) { PausedUntil = pause.Last, Late = late };
            }

            if (together is null)
            {
                await WriteApartAsync(withActivity: true);
            }

            var cached = await summaries.FindAsync(person, cancellationToken);
            var before = cached?.State;

            // The cache says today is done: nothing to write. Otherwise the insert decides, atomically with the cache.
            var counted = false;
            StreakState after;
            if (before?.LastDate == today)
            {
                if (together is not null)
                {
                    await WriteApartAsync(withActivity: true); // nothing else to write
                }

                after = before;
            }
            else
            {
                var candidate = before is { LastDate: { } last } && last < today
                    ? StreakRules.Add(before, today, paused)
                    : StreakRules.Fold([.. await completions.GetAllDatesAsync(person, cancellationToken), today], paused); // no cache, or a zone change moved "today" behind the last day
                var completion = new Completion(person, today, message.Chat, now.ToInstant());
                var summary = new StreakSummary(person, profile.DisplayName, profile.TimeZoneId, candidate);
                counted = together is null
                    ? await completions.TryAddAsync(completion, summary, cancellationToken)
                    : await together.TryAddAsync(completion, summary, new DonePressWrites(profileChanged ? profile : null, message.Chat, profile.DisplayName), cancellationToken);
                if (counted)
                {
                    after = candidate;
                }
                else
                {
                    // Another process counted today first; it wrote its summary in the same transaction.
                    cached = await summaries.FindAsync(person, cancellationToken);
                    after = cached?.State ?? StreakRules.Fold(await completions.GetAllDatesAsync(person, cancellationToken), paused);
                }
            }

            if (!counted && (cached is null || cached.State != after || cached.DisplayName != profile.DisplayName || cached.TimeZoneId != profile.TimeZoneId))
            {
                await summaries.SaveAsync(new StreakSummary(person, profile.DisplayName, profile.TimeZoneId, after), cancellationToken);
            }

            // A freeze was spent when a bridged day newer than the previous completion appeared (a pause may lie between).
            var spent = counted && after.LastDate == today && after.FrozenDates.Count > 0
                && (after.FrozenDates[^1] == today.PlusDays(-1) || (before?.LastDate is { } prior && after.FrozenDates[^1] > prior));
            var previousFreezes = before is { LastDate: { } previous } && StreakRules.Evaluate(before, today, paused).Current > 0 ? before.Freezes : 0;
            var earned = counted && after.Run % StreakRules.DaysPerFreeze == 0 && after.Freezes > previousFreezes - (spent ? 1 : 0);
            return new DoneOutcome(counted, today, StreakRules.Evaluate(after, today, paused), spent, earned, profile.TimeZoneId is not null) { Late = late };
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<StreakView> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var profile = await people.FindAsync(person, cancellationToken);
        var today = PersonClock.TodayIn(time, Zones.FromId(profile?.TimeZoneId));
        var paused = (await PausesAsync(person, cancellationToken)).Pauses;
        var state = (await summaries.FindAsync(person, cancellationToken))?.State
            ?? StreakRules.Fold(await completions.GetAllDatesAsync(person, cancellationToken), paused);
        var standing = StreakRules.Evaluate(state, today, paused);

        var first = today.PlusDays(1 - RecentDays);
        var done = (await completions.GetDatesAsync(person, first, today, cancellationToken)).ToHashSet();
        var days = Enumerable.Range(0, RecentDays)
            .Select(i => first.PlusDays(i))
            .Select(d => done.Contains(d) ? DayMark.Done
                : StreakRules.IsPaused(paused, d) ? DayMark.Paused
                : StreakRules.IsFrozen(state, standing, d, today) ? DayMark.Frozen
                : DayMark.Missed)
            .ToList();
        return new StreakView(standing, today, days, profile?.TimeZoneId is not null)
        {
            PausedUntil = paused.FirstOrDefault(p => p.Contains(today))?.Last,
        };
    }

    /// <summary>Sets the zone. Stored dates never move; only "today" is computed in the new zone from now on.</summary>
    public async Task<PersonProfile> SetZoneAsync(InboundMessage message, string zoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var gate = _locks[(int)((uint)message.Person.GetHashCode() % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var profile = await RefreshProfileAsync(message, cancellationToken) with { TimeZoneId = zoneId };
            await people.SaveAsync(profile, cancellationToken);
            if (await summaries.FindAsync(message.Person, cancellationToken) is { } summary)
            {
                await summaries.SaveAsync(summary with { TimeZoneId = zoneId, DisplayName = profile.DisplayName }, cancellationToken);
            }

            return profile;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The person's profile with the latest display name saved (created on first use).</summary>
    public async Task<PersonProfile> RefreshProfileAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var (profile, changed) = await ProfileForAsync(message, cancellationToken);
        if (changed)
        {
            await people.SaveAsync(profile, cancellationToken);
        }

        return profile;
    }

    /// <summary>The person's profile with the latest display name, and whether that differs from the stored one (not saved here).</summary>
    private async Task<(PersonProfile Profile, bool Changed)> ProfileForAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var name = CleanDisplayName(message.UserDisplayName);
        var existing = await people.FindAsync(message.Person, cancellationToken);
        return existing is not null && existing.DisplayName == name
            ? (existing, false)
            : (new PersonProfile(message.Person, name, existing?.TimeZoneId), true);
    }

    /// <summary>Top live streaks among people active in the chat's server (when it has one) or in the chat.</summary>
    public async Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboardAsync(ChatAddress chat, CancellationToken cancellationToken)
    {
        var members = await activity.GetMembersAsync(chat, cancellationToken);
        if (members.Count == 0)
        {
            return [];
        }

        var now = PersonClock.UtcNow(time);
        var found = await summaries.FindManyAsync([.. members.Select(m => m.Person).Distinct()], cancellationToken);

        // The name the person goes by in this chat (or server); the profile's, last seen anywhere, when none is recorded here.
        var names = members.Where(m => m.DisplayName is not null).GroupBy(m => m.Person).ToDictionary(g => g.Key, g => g.First().DisplayName!);

        // A paused person's streak stands still on the board too (only its length is shown, never why).
        var paused = new Dictionary<PersonKey, IReadOnlyList<PauseSpan>>();
        foreach (var summary in found)
        {
            paused[summary.Person] = (await PausesAsync(summary.Person, cancellationToken)).Pauses;
        }

        var ranked = found
            .Select(s => (DisplayName: names.GetValueOrDefault(s.Person) ?? s.DisplayName, Standing: StreakRules.Evaluate(s.State, now.InZone(Zones.FromId(s.TimeZoneId)).Date, paused[s.Person])))
            .Where(x => x.Standing.Current > 0)
            .OrderByDescending(x => x.Standing.Current)
            .ThenByDescending(x => x.Standing.Longest)
            .ThenBy(x => x.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Take(LeaderboardSize)
            .Select((x, i) => new LeaderboardEntry(i + 1, x.DisplayName, x.Standing.Current, x.Standing.CompletedToday))
            .ToList();
        return ranked;
    }

    private async Task<PauseHistory> PausesAsync(PersonKey person, CancellationToken cancellationToken) =>
        pauses is null ? PauseHistory.Empty : await pauses.GetAsync(person, cancellationToken);

    private static string CleanDisplayName(string? name)
    {
        var cleaned = new string([.. (name ?? "").Where(c => !char.IsControl(c))]).Trim();
        if (cleaned.Length > MaxDisplayNameLength)
        {
            var cut = char.IsHighSurrogate(cleaned[MaxDisplayNameLength - 1]) ? MaxDisplayNameLength - 1 : MaxDisplayNameLength;
            cleaned = cleaned[..cut].TrimEnd() + "…";
        }

        return cleaned.Length == 0 ? "Someone" : cleaned;
    }
}

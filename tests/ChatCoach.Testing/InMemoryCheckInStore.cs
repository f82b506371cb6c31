using System.Collections.Concurrent;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Testing;

/// <summary>The check-in store in memory, with the LiteDB store's semantics: one check-in per person and local date.</summary>
public sealed class InMemoryCheckInStore : ICheckInStore
{
    private readonly ConcurrentDictionary<(PersonKey, LocalDate), PainCheckIn> _checkIns = new();
    private readonly ConcurrentDictionary<PersonKey, LocalDate> _referrals = new();

    public Task<bool> SaveAsync(PainCheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var replaced = false;
        _checkIns.AddOrUpdate((checkIn.Person, checkIn.Date), checkIn, (_, _) =>
        {
            replaced = true;
            return checkIn;
        });
        return Task.FromResult(replaced);
    }

    public Task<IReadOnlyList<PainCheckIn>> GetRangeAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PainCheckIn>>([.. _checkIns.Values.Where(c => c.Person == person && c.Date >= first && c.Date <= last).OrderBy(c => c.Date)]);

    public Task<LocalDate?> GetLastReferralAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<LocalDate?>(_referrals.TryGetValue(person, out var date) ? date : null);

    public Task SetLastReferralAsync(PersonKey person, LocalDate day, CancellationToken cancellationToken)
    {
        _referrals[person] = day;
        return Task.CompletedTask;
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var deleted = _checkIns.Keys.Where(k => k.Item1 == person).Count(k => _checkIns.TryRemove(k, out _));
        return Task.FromResult(deleted + (_referrals.TryRemove(person, out _) ? 1 : 0));
    }
}

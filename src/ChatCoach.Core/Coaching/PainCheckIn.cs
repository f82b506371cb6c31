using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>How the knee felt on a local date, 0 (no pain) to 10. Health data: shown only to the person.</summary>
public sealed record PainCheckIn(PersonKey Person, LocalDate Date, int Score, Instant RecordedAt)
{
    public const int MinScore = 0;
    public const int MaxScore = 10;
}

/// <summary>
/// Pain check-ins, one per person and local date (a second one the same day replaces the first), and the date a
/// person was last advised to see a professional (so that advice comes at most once a week).
/// </summary>
public interface ICheckInStore
{
    /// <summary>Saves the check-in, replacing the person's earlier one for the same date. Returns true when it replaced one.</summary>
    Task<bool> SaveAsync(PainCheckIn checkIn, CancellationToken cancellationToken);

    /// <summary>The person's check-ins from <paramref name="first"/> to <paramref name="last"/> inclusive, oldest first.</summary>
    Task<IReadOnlyList<PainCheckIn>> GetRangeAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken);

    Task<LocalDate?> GetLastReferralAsync(PersonKey person, CancellationToken cancellationToken);

    Task SetLastReferralAsync(PersonKey person, LocalDate day, CancellationToken cancellationToken);

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many records went (check-ins and the referral date).</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

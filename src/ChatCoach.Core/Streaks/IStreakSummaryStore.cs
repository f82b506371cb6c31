using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary>
/// The cached fold of a person's completions plus what the leaderboard shows, so a leaderboard needs no history scan.
/// It can always be rebuilt from <see cref="ICompletionStore"/>.
/// </summary>
public sealed record StreakSummary(PersonKey Person, string DisplayName, string? TimeZoneId, StreakState State);

public interface IStreakSummaryStore
{
    Task<StreakSummary?> FindAsync(PersonKey person, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreakSummary>> FindManyAsync(IReadOnlyCollection<PersonKey> people, CancellationToken cancellationToken);

    Task SaveAsync(StreakSummary summary, CancellationToken cancellationToken);

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many records went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

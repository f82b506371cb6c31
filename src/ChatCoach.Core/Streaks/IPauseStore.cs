using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary>A person's injury pauses, oldest first, and whether the latest one has had its welcome back.</summary>
public sealed record PauseHistory(IReadOnlyList<PauseSpan> Pauses, bool WelcomedBack)
{
    public static PauseHistory Empty { get; } = new([], true);
}

/// <summary>
/// Injury pauses per person. Kept for good (each is two dates): the streak is always rebuilt from completions and
/// pauses together, so a past pause must still be known when the history is folded again.
/// </summary>
public interface IPauseStore
{
    Task<PauseHistory> GetAsync(PersonKey person, CancellationToken cancellationToken);

    Task SaveAsync(PersonKey person, PauseHistory history, CancellationToken cancellationToken);

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many records went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

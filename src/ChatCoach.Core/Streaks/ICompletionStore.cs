using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Streaks;

/// <summary>A completed routine: one per person per local date, whatever chat or device it came from.</summary>
/// <param name="Person">Who completed it.</param>
/// <param name="Date">The person's local date when they pressed Done; it never moves afterwards.</param>
/// <param name="Chat">Where Done was pressed (the first time that day).</param>
/// <param name="CompletedAt">The instant it was recorded.</param>
public sealed record Completion(PersonKey Person, LocalDate Date, ChatAddress Chat, Instant CompletedAt);

/// <summary>Completions, the source of truth for streaks. Implementations must make (person, date) unique atomically.</summary>
public interface ICompletionStore
{
    /// <summary>
    /// Stores the completion and, in the same transaction, the person's summary as it stands with it; false (and
    /// nothing stored) when that person already has a completion for that date.
    /// </summary>
    Task<bool> TryAddAsync(Completion completion, StreakSummary summary, CancellationToken cancellationToken);

    /// <summary>The person's completed dates from <paramref name="first"/> to <paramref name="last"/> inclusive, ascending.</summary>
    Task<IReadOnlyList<LocalDate>> GetDatesAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken);

    /// <summary>All of the person's completed dates, ascending (to rebuild the cached summary).</summary>
    Task<IReadOnlyList<LocalDate>> GetAllDatesAsync(PersonKey person, CancellationToken cancellationToken);

    /// <summary>All of the person's completions with where and when they were recorded, by date (for export and linking).</summary>
    Task<IReadOnlyList<Completion>> GetAllAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot list completions yet.");

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many records went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

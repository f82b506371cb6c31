using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;

namespace ChatCoach.Core.Streaks;

/// <summary>What a Done press writes besides its completion and summary.</summary>
/// <param name="Profile">The person's profile to save (its display name changed, or it is new); null when unchanged.</param>
/// <param name="Chat">The chat of the press, whose activity row (and its server's) records the person.</param>
/// <param name="DisplayName">The name the person goes by there.</param>
public sealed record DonePressWrites(PersonProfile? Profile, ChatAddress Chat, string DisplayName);

/// <summary>
/// A completion store that can put a press's profile and activity writes into the completion's own transaction, so a
/// Done is one commit instead of up to three (measured: each commit of its own cost a press 1.4–3.5 ms on LiteDB).
/// </summary>
public interface IDonePressStore
{
    /// <summary>True when <paramref name="people"/> and <paramref name="activity"/> keep their rows where this store writes them.</summary>
    bool Covers(IPersonStore people, IStreakActivityStore activity);

    /// <summary>
    /// <see cref="ICompletionStore.TryAddAsync"/> with <paramref name="writes"/> in the same transaction. They are applied
    /// even when the date was already counted (false), as separate writes before the insert would have been.
    /// </summary>
    Task<bool> TryAddAsync(Completion completion, StreakSummary summary, DonePressWrites writes, CancellationToken cancellationToken);
}

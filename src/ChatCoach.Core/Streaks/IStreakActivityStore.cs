using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary>
/// Who has completed a routine where: the leaderboard's notion of "active here". A scope is a server (Discord guild)
/// when the chat has one, otherwise the chat itself.
/// </summary>
public interface IStreakActivityStore
{
    /// <summary>Marks the person active in the chat and, when it has one, in its server.</summary>
    Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken);

    /// <summary>People active in the chat's server when it has one, otherwise in the chat.</summary>
    Task<IReadOnlyList<PersonKey>> GetPeopleAsync(ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>Where the person is active (leaderboard scopes as stored, e.g. <c>telegram|chat|-100</c>), for export.</summary>
    Task<IReadOnlyList<string>> GetScopesAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot list scopes yet.");

    /// <summary>Makes <paramref name="target"/> active wherever <paramref name="source"/> is (linking accounts); returns how many scopes were added.</summary>
    Task<int> CopyPersonAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot copy a person yet.");

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many leaderboard entries went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

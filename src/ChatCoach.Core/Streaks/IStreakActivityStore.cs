using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary>A person active in a leaderboard scope, with the name they last went by there (null when none was recorded).</summary>
public sealed record ScopeMember(PersonKey Person, string? DisplayName);

/// <summary>
/// Who has completed a routine where: the leaderboard's notion of "active here". A scope is a server (Discord guild)
/// when the chat has one, otherwise the chat itself.
/// </summary>
public interface IStreakActivityStore
{
    /// <summary>Marks the person active in the chat and, when it has one, in its server.</summary>
    Task RecordAsync(ChatAddress chat, PersonKey person, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the person active in the chat and its server, under the name they go by there: a leaderboard shows each
    /// chat's own name for a person whose accounts are linked. A later name for the same scope replaces the earlier one.
    /// </summary>
    Task RecordAsync(ChatAddress chat, PersonKey person, string displayName, CancellationToken cancellationToken) =>
        RecordAsync(chat, person, cancellationToken);

    /// <summary>People active in the chat's server when it has one, otherwise in the chat.</summary>
    Task<IReadOnlyList<PersonKey>> GetPeopleAsync(ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>As <see cref="GetPeopleAsync"/>, with the name each person last went by in that scope.</summary>
    async Task<IReadOnlyList<ScopeMember>> GetMembersAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        [.. (await GetPeopleAsync(chat, cancellationToken)).Select(p => new ScopeMember(p, null))];

    /// <summary>The name the person goes by in each scope where one was recorded (scope as stored → name), for export.</summary>
    Task<IReadOnlyDictionary<string, string>> GetScopeNamesAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Where the person is active (leaderboard scopes as stored, e.g. <c>telegram|chat|-100</c>), for export.</summary>
    Task<IReadOnlyList<string>> GetScopesAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot list scopes yet.");

    /// <summary>
    /// Makes <paramref name="target"/> active wherever <paramref name="source"/> is (linking accounts), with the source's
    /// name in each scope where the target has none; returns how many scopes were added.
    /// </summary>
    Task<int> CopyPersonAsync(PersonKey source, PersonKey target, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot copy a person yet.");

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many leaderboard entries went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

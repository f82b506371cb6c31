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
}

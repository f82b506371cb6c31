using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Coaching;

/// <summary>Each person's progression level (one small record per person).</summary>
public interface IProgressionStore
{
    /// <summary>The stored state, or null for a person who has none yet.</summary>
    Task<ProgressionState?> GetAsync(PersonKey person, CancellationToken cancellationToken);

    Task SaveAsync(PersonKey person, ProgressionState state, CancellationToken cancellationToken);

    /// <summary>Deletes everything stored for the person; returns the number of rows deleted.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken);
}

using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Storage;

/// <summary>A person's settings. <see cref="TimeZoneId"/> is a NodaTime id (IANA, or a fixed offset like <c>UTC+02</c>); null means UTC.</summary>
public sealed record PersonProfile(PersonKey Key, string DisplayName, string? TimeZoneId);

public interface IPersonStore
{
    Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken);

    Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken);

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many records went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Storage;

/// <summary>A person's settings. <see cref="TimeZoneId"/> is a NodaTime id (IANA, or a fixed offset like <c>UTC+02</c>); null means UTC.</summary>
public sealed record PersonProfile(PersonKey Key, string DisplayName, string? TimeZoneId);

public interface IPersonStore
{
    Task<PersonProfile?> FindAsync(PersonKey key, CancellationToken cancellationToken);

    Task SaveAsync(PersonProfile profile, CancellationToken cancellationToken);

    /// <summary>The language the person chose with <c>/language</c> (<c>zh</c>, <c>en</c>), or null when they have not chosen.</summary>
    // Kept apart from PersonProfile so that the many places that rebuild a profile (name, zone) never drop the choice.
    Task<string?> FindLanguageAsync(PersonKey person, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Stores the person's chosen language (null forgets the choice), creating their record when there is none; name and zone stay.</summary>
    Task SaveLanguageAsync(PersonKey person, string? language, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot store a language yet.");

    /// <summary>Deletes everything this store keeps about <paramref name="person"/> (for <c>/forget</c>); returns how many records went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete a person yet.");
}

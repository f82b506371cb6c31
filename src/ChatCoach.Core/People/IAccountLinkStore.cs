using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary>A pending <c>/link</c> code: only its hash is stored, bound to the account that asked for it.</summary>
/// <param name="CodeHash">The hash of the code (see <see cref="LinkCodes.Hash"/>); never the code itself.</param>
/// <param name="Account">The account that asked for the code.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record PendingLinkCode(string CodeHash, PersonKey Account, Instant ExpiresAt);

/// <summary>
/// Which accounts belong to one person, the pending link codes and the wrong tries. Each linked account maps to one
/// person key (the key every other store uses for that person's data); an account with no link is a person of its own.
/// </summary>
public interface IAccountLinkStore
{
    /// <summary>The person the account belongs to, or null when it is not linked.</summary>
    Task<PersonKey?> FindPersonAsync(PersonKey account, CancellationToken cancellationToken);

    /// <summary>Every account linked to the person, the person's own account included; empty when none is linked.</summary>
    Task<IReadOnlyList<PersonKey>> GetAccountsAsync(PersonKey person, CancellationToken cancellationToken);

    /// <summary>Links (or re-links) the account to the person.</summary>
    Task SaveLinkAsync(PersonKey account, PersonKey person, Instant linkedAt, CancellationToken cancellationToken);

    /// <summary>Removes the account's link; false when it had none.</summary>
    Task<bool> RemoveLinkAsync(PersonKey account, CancellationToken cancellationToken);

    /// <summary>Stores a new code for the account, replacing any code it asked for before.</summary>
    Task SaveCodeAsync(PendingLinkCode code, CancellationToken cancellationToken);

    /// <summary>
    /// Removes and returns the code with this hash, or null when there is none. Atomic: of two callers racing for one
    /// code, exactly one gets it (a code is single use).
    /// </summary>
    Task<PendingLinkCode?> TakeCodeAsync(string codeHash, CancellationToken cancellationToken);

    /// <summary>Records a wrong code typed by the account and returns its wrong tries at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<Instant>> RecordWrongTryAsync(PersonKey account, Instant at, Instant since, CancellationToken cancellationToken);

    /// <summary>The account's wrong tries at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<Instant>> GetWrongTriesAsync(PersonKey account, Instant since, CancellationToken cancellationToken);

    /// <summary>Deletes the account's link, codes and wrong tries (for <c>/forget</c>); returns how many records went.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken);
}

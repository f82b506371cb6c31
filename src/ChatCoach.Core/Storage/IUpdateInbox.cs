namespace ChatCoach.Core.Storage;

/// <summary>What a claim of one pushed update found.</summary>
public enum UpdateClaim
{
    /// <summary>New (or left unfinished by an instance whose lease ran out): this instance handles it now.</summary>
    Claimed,

    /// <summary>Handled already: answer the platform "received" and do nothing.</summary>
    Done,

    /// <summary>Another instance is handling it under a lease that has not run out: ask the platform to retry later.</summary>
    Held,
}

/// <summary>
/// The updates a platform pushes (Telegram webhooks), by id, so that one delivered twice — a retry after a lost
/// answer or a restart, or to two instances behind a load balancer — is handled once. An update is claimed under a
/// lease before it is handled and marked done once its replies are out; a claim whose instance died runs out and
/// the platform's next retry takes it over. Keys are namespaced by the adapter, e.g. <c>telegram:123456</c>.
/// </summary>
public interface IUpdateInbox
{
    /// <summary>Claims <paramref name="updateId"/> until <paramref name="leaseUntil"/>, atomically across instances.</summary>
    Task<UpdateClaim> TryClaimAsync(string source, long updateId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The update is handled: every later delivery of it is <see cref="UpdateClaim.Done"/>.</summary>
    Task CompleteAsync(string source, long updateId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives an unfinished claim up (a stop): the next delivery, to any instance, claims it at once.</summary>
    Task ReleaseAsync(string source, long updateId, CancellationToken cancellationToken);

    /// <summary>Forgets updates done before <paramref name="before"/> (the platform no longer retries them); returns how many.</summary>
    Task<int> PruneAsync(string source, DateTimeOffset before, CancellationToken cancellationToken);
}

namespace ChatCoach.Core.Operations;

/// <summary>
/// Which instance may do a job only one may do at a time: the Telegram long poller (one process per bot token may
/// call getUpdates). The storage that several instances share decides (PostgreSQL: an advisory lock); with one
/// process there is nothing to decide (<see cref="SoleInstanceElection"/>).
/// </summary>
public interface IPollerElection
{
    /// <summary>
    /// True when this instance leads for <paramref name="key"/> now: it already did and still does, or the lead was
    /// free and it took it. Never waits for the lead; a standby calls it again every few seconds.
    /// </summary>
    Task<bool> TryLeadAsync(long key, CancellationToken cancellationToken);

    /// <summary>Gives the lead up (at a stop), so that a standby takes over at its next try.</summary>
    Task ResignAsync(long key);
}

/// <summary>One process (LiteDB): it always leads.</summary>
public sealed class SoleInstanceElection : IPollerElection
{
    public Task<bool> TryLeadAsync(long key, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ResignAsync(long key) => Task.CompletedTask;
}

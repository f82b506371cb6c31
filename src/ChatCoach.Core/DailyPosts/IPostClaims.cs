using NodaTime;

namespace ChatCoach.Core.DailyPosts;

/// <summary>
/// Claims on due posts, shared by every instance that posts from one database, so each (subscription, local date) is
/// posted by one instance at a time. A claim lasts until its lease runs out, so a claim whose instance died is taken
/// over after the lease. Not registered for a single-process store (LiteDB): then the runner posts without claims.
/// </summary>
public interface IPostClaims
{
    /// <summary>
    /// True when this instance now holds the claim on the post until <paramref name="now"/> + <paramref name="lease"/>:
    /// nobody held it, its holder's lease had run out, or this instance held it already. False while another holds it.
    /// </summary>
    Task<bool> TryClaimAsync(string subscriptionId, LocalDate localDate, Instant now, Duration lease, CancellationToken cancellationToken);

    /// <summary>Gives this instance's claim up (nothing happens when another instance holds it).</summary>
    Task ReleaseAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken);
}

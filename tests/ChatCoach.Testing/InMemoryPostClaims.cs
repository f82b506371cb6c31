using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Testing;

/// <summary>
/// Post claims in memory with the PostgreSQL store's semantics. Several instances of a test share one
/// <see cref="Board"/>; each <see cref="InMemoryPostClaims"/> is one instance (its own owner name).
/// </summary>
public sealed class InMemoryPostClaims(InMemoryPostClaims.Board board) : IPostClaims
{
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public Task<bool> TryClaimAsync(string subscriptionId, LocalDate localDate, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        lock (board.Claims)
        {
            var key = (subscriptionId, localDate);
            if (board.Claims.TryGetValue(key, out var held) && held.Owner != _owner && held.Expires > now)
            {
                return Task.FromResult(false);
            }

            board.Claims[key] = (_owner, now + lease);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken)
    {
        lock (board.Claims)
        {
            var key = (subscriptionId, localDate);
            if (board.Claims.TryGetValue(key, out var held) && held.Owner == _owner)
            {
                board.Claims.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The claims every instance sees (the shared database's table).</summary>
    public sealed class Board
    {
        internal Dictionary<(string, LocalDate), (string Owner, Instant Expires)> Claims { get; } = [];
    }
}

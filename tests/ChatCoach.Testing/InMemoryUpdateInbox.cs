using ChatCoach.Core.Storage;

namespace ChatCoach.Testing;

/// <summary>The in-memory twin of the update inbox; "instances" sharing one object share its claims.</summary>
public sealed class InMemoryUpdateInbox : IUpdateInbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Source, long Id), (DateTimeOffset LeaseUntil, DateTimeOffset? DoneAt)> _rows = [];

    public Task<UpdateClaim> TryClaimAsync(string source, long updateId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((source, updateId), out var row))
            {
                if (row.DoneAt is not null)
                {
                    return Task.FromResult(UpdateClaim.Done);
                }

                if (row.LeaseUntil > now)
                {
                    return Task.FromResult(UpdateClaim.Held);
                }
            }

            _rows[(source, updateId)] = (leaseUntil, null);
            return Task.FromResult(UpdateClaim.Claimed);
        }
    }

    public Task CompleteAsync(string source, long updateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rows[(source, updateId)] = (now, now);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string source, long updateId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((source, updateId), out var row) && row.DoneAt is null)
            {
                _rows[(source, updateId)] = (DateTimeOffset.MinValue, null);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> PruneAsync(string source, DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _rows.Where(r => r.Key.Source == source && r.Value.DoneAt < before).Select(r => r.Key).ToList();
            old.ForEach(key => _rows.Remove(key));
            return Task.FromResult(old.Count);
        }
    }
}

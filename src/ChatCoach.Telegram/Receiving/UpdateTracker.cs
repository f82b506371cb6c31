namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// Which updates are being handled, and so the offset that is safe to confirm: the lowest update not yet handled.
/// Updates finish out of order (chats are handled in parallel); the offset only moves past a contiguous run.
/// </summary>
internal sealed class UpdateTracker(long startOffset)
{
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _inProgress = [];
    private long _highestSeen = startOffset - 1;
    private long _version;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The offset for getUpdates and for the store: everything below it has been handled.</summary>
    public long Committed
    {
        get
        {
            lock (_gate)
            {
                return _inProgress.Count > 0 ? _inProgress.Min : _highestSeen + 1;
            }
        }
    }

    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>False for an update already taken in (getUpdates returns in-progress updates again until they are confirmed).</summary>
    public bool TryStart(long updateId)
    {
        lock (_gate)
        {
            if (updateId <= _highestSeen)
            {
                return false;
            }

            _highestSeen = updateId;
            _inProgress.Add(updateId);
            return true;
        }
    }

    public void Finish(long updateId)
    {
        TaskCompletionSource progress;
        lock (_gate)
        {
            _inProgress.Remove(updateId);
            _version++;
            progress = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        progress.TrySetResult();
    }

    /// <summary>Completes once any update has finished after <paramref name="sinceVersion"/> was read.</summary>
    public Task WaitForProgressAsync(long sinceVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _version != sinceVersion ? Task.CompletedTask : _progress.Task.WaitAsync(cancellationToken);
        }
    }
}

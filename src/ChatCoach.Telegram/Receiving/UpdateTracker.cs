namespace ChatCoach.Telegram.Receiving;

/// <summary>What a tracker must remember across a restart: the offset, the highest update taken in, and the updates at
/// or above the offset that were taken in but not finished (everything else up to the highest was finished).</summary>
internal sealed record TrackerState(long Committed, long HighestSeen, IReadOnlyList<long> Unfinished);

/// <summary>
/// Which updates are being handled, and so the offset that is safe to confirm: the lowest update not yet finished
/// ("finished" = its replies were sent or definitively failed). Updates finish out of order (chats are handled in
/// parallel, replies wait for rate limits); the offset only moves past a contiguous run, and the finished updates above
/// it are remembered (<see cref="State"/>) so that a restart answers only the unfinished ones again.
/// </summary>
internal sealed class UpdateTracker
{
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _inProgress = [];

    // Taken in by an earlier run and not finished there: handled again when Telegram sends them again.
    private readonly SortedSet<long> _owed;
    private long _highestSeen;
    private long _version;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UpdateTracker(long startOffset)
        : this(new TrackerState(startOffset, startOffset - 1, []))
    {
    }

    public UpdateTracker(TrackerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _highestSeen = Math.Max(state.HighestSeen, state.Committed - 1);
        _owed = [.. state.Unfinished.Where(id => id >= state.Committed && id <= _highestSeen)];
        if (state.Committed <= _highestSeen && !_owed.Contains(state.Committed))
        {
            // The offset is the lowest unfinished update by construction; keep it owed whatever the input.
            _owed.Add(state.Committed);
        }
    }

    /// <summary>The offset for getUpdates and for the store: everything below it has been finished.</summary>
    public long Committed
    {
        get
        {
            lock (_gate)
            {
                return CommittedLocked();
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

    /// <summary>Updates taken in and not finished.</summary>
    public int InProgress
    {
        get
        {
            lock (_gate)
            {
                return _inProgress.Count;
            }
        }
    }

    /// <summary>A consistent picture for the store, with the version it belongs to.</summary>
    public (long Version, TrackerState State) State
    {
        get
        {
            lock (_gate)
            {
                var committed = CommittedLocked();
                return (_version, new TrackerState(committed, _highestSeen, [.. _inProgress.Concat(_owed).Where(id => id >= committed).Order()]));
            }
        }
    }

    /// <summary>
    /// False for an update already taken in (getUpdates returns in-progress updates again until they are confirmed)
    /// or finished by an earlier run; true for a new one or one an earlier run left unfinished.
    /// </summary>
    public bool TryStart(long updateId)
    {
        lock (_gate)
        {
            if (_owed.Remove(updateId))
            {
                _inProgress.Add(updateId);
                return true;
            }

            if (updateId <= _highestSeen)
            {
                return false;
            }

            _highestSeen = updateId;
            _inProgress.Add(updateId);
            return true;
        }
    }

    /// <summary>
    /// Telegram answers from the offset upwards, so owed updates below the first one it returned will never come:
    /// they were confirmed to Telegram before the earlier run stopped. Forgetting them lets the offset move on.
    /// </summary>
    public void ForgetOwedBelow(long firstReturned)
    {
        lock (_gate)
        {
            if (_owed.RemoveWhere(id => id < firstReturned) > 0)
            {
                _version++;
            }
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

    private long CommittedLocked()
    {
        var lowest = _highestSeen + 1;
        if (_inProgress.Count > 0 && _inProgress.Min < lowest)
        {
            lowest = _inProgress.Min;
        }

        if (_owed.Count > 0 && _owed.Min < lowest)
        {
            lowest = _owed.Min;
        }

        return lowest;
    }
}

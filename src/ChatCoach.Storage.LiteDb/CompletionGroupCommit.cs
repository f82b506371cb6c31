using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using LiteDB;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Group commit for Done presses: presses that arrive while a commit is being flushed (or within the optional window)
/// share the next LiteDB transaction, and each press is answered only once the commit holding it is in the log file.
/// </summary>
/// <remarks>
/// One committer at a time (<see cref="_committing"/> is set under <see cref="_gate"/>): the first press that finds no
/// committer becomes it, waits the window, then commits batches of at most <see cref="_maxBatch"/> until the queue is
/// empty; when its own press is answered and more are waiting it hands the loop to a pool thread, so no caller waits for
/// presses that came after it. A failed commit fails every press of that batch with the store's usual error
/// (<see cref="Core.Storage.StorageFullException"/> and the like), nothing of the batch applied. The primary key still
/// decides "already counted": a press whose (person, local date) is stored, or is earlier in the same batch, answers
/// false and writes neither completion nor summary; its profile and activity rows (<see cref="DonePressWrites"/>, when
/// given) are written either way, so a Done is one commit whatever it finds.
/// </remarks>
internal sealed class CompletionGroupCommit
{
    private readonly ChatCoachDatabase _database;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _maxBatch;
    private readonly object _gate = new();
    private readonly Queue<Press> _pending = new();
    private bool _committing;
    private long _commits;

    public CompletionGroupCommit(ChatCoachDatabase database, TimeProvider time, TimeSpan window, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        _database = database;
        _time = time;
        _window = window;
        _maxBatch = maxBatch;
    }

    /// <summary>Transactions committed so far (tests read it to see presses sharing one).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Presses queued and not yet taken into a commit.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>True when the completion was stored; false when that person already has that local date.</summary>
    /// <remarks><paramref name="writes"/> (the profile and activity rows) are applied even when the date is already stored.</remarks>
    public Task<bool> AddAsync(Completion completion, StreakSummary summary, DonePressWrites? writes = null)
    {
        // Once queued a press is committed whatever its caller does next, so it takes no cancellation token.
        var press = new Press(LiteDbCompletionStore.ToRow(completion), LiteDbStreakSummaryStore.ToRow(summary), completion.Person, writes);
        bool lead;
        lock (_gate)
        {
            _pending.Enqueue(press);
            lead = !_committing;
            _committing = true;
        }

        return lead ? LeadAsync(press) : press.Answer.Task;
    }

    private async Task<bool> LeadAsync(Press own)
    {
        if (_window > TimeSpan.Zero)
        {
            await Task.Delay(_window, _time).ConfigureAwait(false);
        }

        CommitUntil(own);
        return await own.Answer.Task.ConfigureAwait(false);
    }

    /// <summary>Commits batches until the queue is empty or <paramref name="own"/> is answered with more still queued,
    /// in which case the loop goes on on a pool thread.</summary>
    private void CommitUntil(Press? own)
    {
        while (true)
        {
            List<Press> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _committing = false;
                    return;
                }

                if (own is not null && own.Answer.Task.IsCompleted)
                {
                    // Still the committer (_committing stays set): the loop moves to a pool thread, one at a time.
                    _ = Task.Run(() => CommitUntil(null));
                    return;
                }

                batch = new List<Press>(Math.Min(_pending.Count, _maxBatch));
                while (batch.Count < _maxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            Commit(batch);
        }
    }

    private void Commit(List<Press> batch)
    {
        bool[] stored;
        try
        {
            stored = _database.Write(db => Apply(db, batch));
            Interlocked.Increment(ref _commits);
        }
#pragma warning disable CA1031 // Every press of the failed batch gets the failure; the loop must go on for the next batch.
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY && batch.Count > 1)
        {
            // Only when a writer outside this committer stored the same day between the check and the insert (LiteDB
            // then rolled the whole batch back): each press again in a transaction of its own decides which counts.
            foreach (var press in batch)
            {
                Commit([press]);
            }

            return;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // The day was counted elsewhere; the press's own profile and activity rows still go in, as they would
            // have as separate writes before the insert.
            var press = batch[0];
            if (press.Writes is not null)
            {
                try
                {
                    _database.Write(db => ApplyWrites(db, press));
                }
#pragma warning disable CA1031 // The press gets whatever failed, like every press of a failed batch.
                catch (Exception failed)
#pragma warning restore CA1031
                {
                    press.Answer.TrySetException(failed);
                    return;
                }
            }

            press.Answer.TrySetResult(false);
            return;
        }
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var press in batch)
            {
                press.Answer.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Answer.TrySetResult(stored[i]);
        }
    }

    /// <summary>One transaction for the whole batch. Runs inside <see cref="ChatCoachDatabase.Write{T}"/>, which returns
    /// only once the commit is in the log file; LiteDB transactions belong to the calling thread and nothing here awaits.</summary>
    private static bool[] Apply(LiteDatabase db, List<Press> batch)
    {
        var stored = new bool[batch.Count];
        var ownTransaction = db.BeginTrans();
        try
        {
            var rows = db.GetCollection<LiteDbCompletionStore.CompletionRow>(LiteDbCompletionStore.CollectionName);
            var summaries = db.GetCollection<LiteDbStreakSummaryStore.SummaryRow>(LiteDbStreakSummaryStore.CollectionName);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < batch.Count; i++)
            {
                var press = batch[i];
                ApplyWrites(db, press);

                // A duplicate is found before inserting: in LiteDB a failed insert rolls back the whole transaction,
                // which would take the batch's other presses with it. A lone press skips the lookup (a year-deep index
                // seek) and lets the primary key refuse it: Commit answers that one false and writes its rows apart.
                if (!seen.Add(press.Row.Id) || (batch.Count > 1 && rows.FindById(press.Row.Id) is not null))
                {
                    continue;
                }

                rows.Insert(press.Row);
                summaries.Upsert(press.Summary);
                stored[i] = true;
            }

            if (ownTransaction)
            {
                db.Commit();
            }

            return stored;
        }
        catch
        {
            if (ownTransaction)
            {
                db.Rollback();
            }

            throw;
        }
    }

    private static void ApplyWrites(LiteDatabase db, Press press)
    {
        if (press.Writes is not { } writes)
        {
            return;
        }

        if (writes.Profile is { } profile)
        {
            LiteDbPersonStore.Save(db, profile);
        }

        LiteDbStreakActivityStore.Record(db, writes.Chat, press.Person, writes.DisplayName);
    }

    private sealed class Press(LiteDbCompletionStore.CompletionRow row, LiteDbStreakSummaryStore.SummaryRow summary, PersonKey person, DonePressWrites? writes)
    {
        public PersonKey Person { get; } = person;

        public DonePressWrites? Writes { get; } = writes;

        public LiteDbCompletionStore.CompletionRow Row { get; } = row;

        public LiteDbStreakSummaryStore.SummaryRow Summary { get; } = summary;

        // Answered from the committer's thread; the caller's continuation must not run on it.
        public TaskCompletionSource<bool> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

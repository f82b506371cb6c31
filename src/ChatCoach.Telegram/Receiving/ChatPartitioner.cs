namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// Runs work items with bounded parallelism while keeping the items of one key (one chat) strictly in order:
/// each key has its own queue, drained by one worker at a time. With <paramref name="order"/> (webhooks: the update
/// id) a key's waiting items are taken lowest first, whatever order they arrived in; without it, first come first.
/// </summary>
internal sealed class ChatPartitioner<T>(int maxParallel, Func<T, CancellationToken, Task> handle, CancellationToken cancellationToken, Func<T, long>? order = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, PriorityQueue<T, (long Order, long Arrival)>> _queues = [];
    private long _arrivals;
    private readonly SemaphoreSlim _slots = new(maxParallel, maxParallel);
    private readonly HashSet<Task> _workers = [];

    public void Post(long key, T item)
    {
        lock (_gate)
        {
            var priority = (order?.Invoke(item) ?? 0, _arrivals++);
            if (_queues.TryGetValue(key, out var queue))
            {
                queue.Enqueue(item, priority);
                return;
            }

            queue = new PriorityQueue<T, (long Order, long Arrival)>();
            queue.Enqueue(item, priority);
            _queues[key] = queue;
            var worker = Task.Run(() => DrainAsync(key, queue), CancellationToken.None);
            _workers.Add(worker);
            _ = worker.ContinueWith(t => { lock (_gate) { _workers.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Waits for the workers that are running now (used at shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_workers.ToList());
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task DrainAsync(long key, PriorityQueue<T, (long Order, long Arrival)> queue)
    {
        while (true)
        {
            T item;
            lock (_gate)
            {
                if (!queue.TryDequeue(out item!, out _))
                {
                    _queues.Remove(key);
                    return;
                }
            }

            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    _queues.Remove(key);
                }

                return;
            }

            try
            {
                await handle(item, cancellationToken);
            }
            finally
            {
                _slots.Release();
            }
        }
    }
}

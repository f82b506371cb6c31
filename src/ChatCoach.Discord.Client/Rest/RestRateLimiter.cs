using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord.Client;

/// <summary>
/// Keeps the REST client inside Discord's limits: one request at a time per bucket (learned from the
/// <c>X-RateLimit-*</c> headers, keyed by route + major id), a rolling global window (this process's share of 50 per second, each
/// slot counted from the answer, not the send),
/// global pauses after a global 429, a budget of invalid requests (401/403/429) per 10 minutes, and a full stop for
/// everything (interaction callbacks included) after a Cloudflare ban.
/// </summary>
internal sealed class RestRateLimiter(IOptions<DiscordOptions> options, TimeProvider time, ILogger<RestRateLimiter> logger) : IDisposable
{
    private readonly DiscordOptions _limits = options.Value;

    private static readonly TimeSpan InvalidRequestWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _globalGate = new(1, 1);

    // Background requests (scheduled posts) queue here first, so at most one of them competes with replies to people.
    private readonly SemaphoreSlim _backgroundLane = new(1, 1);
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _slotExpiries = new();
    private readonly Lock _slotLock = new();
    private TaskCompletionSource _slotReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _slotsInFlight;
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _invalidLock = new();
    private DateTimeOffset _globalPausedUntil;
    private DateTimeOffset _allPausedUntil;
    private int _bucketsCreated;
    private int _repliesWaiting;
    private bool _budgetWarned;

    public int InvalidRequestsInWindow
    {
        get
        {
            lock (_invalidLock)
            {
                PruneInvalid(time.GetUtcNow());
                return _invalid.Count;
            }
        }
    }

    /// <summary>Requests for people (not background) waiting for their slot now; a test waits for a reply to queue here before it moves a fake clock.</summary>
    internal int RepliesWaiting => Volatile.Read(ref _repliesWaiting);

    public async Task<Lease> AcquireAsync(DiscordRoute route, bool background, CancellationToken cancellationToken)
    {
        if (background)
        {
            return await AcquireSlotAsync(route, background, cancellationToken);
        }

        Interlocked.Increment(ref _repliesWaiting);
        try
        {
            return await AcquireSlotAsync(route, background, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _repliesWaiting);
        }
    }

    private async Task<Lease> AcquireSlotAsync(DiscordRoute route, bool background, CancellationToken cancellationToken)
    {
        await WaitForInvalidBudgetAsync(cancellationToken);
        if (route.IsInteractionCallback)
        {
            // Every interaction has its own callback and none counts toward the global limit: no queue (a burst).
            return new Lease(this, null, route, false);
        }

        var bucket = GetBucket(route);
        await bucket.Gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                if (bucket.Remaining is > 0 or null || now >= bucket.ResetAt)
                {
                    break;
                }

                await Task.Delay(bucket.ResetAt - now + _limits.RateLimitMargin, time, cancellationToken);
            }

            var globalSlot = !route.ExemptFromGlobal;
            if (globalSlot)
            {
                if (background)
                {
                    await _backgroundLane.WaitAsync(cancellationToken);
                    try
                    {
                        await AcquireGlobalAsync(cancellationToken);
                    }
                    finally
                    {
                        _backgroundLane.Release();
                    }
                }
                else
                {
                    await AcquireGlobalAsync(cancellationToken);
                }
            }

            if (bucket.Remaining is { } remaining)
            {
                bucket.Remaining = time.GetUtcNow() >= bucket.ResetAt ? null : remaining - 1;
            }

            return new Lease(this, bucket, route, globalSlot);
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _globalGate.Dispose();
        _backgroundLane.Dispose();
    }

    /// <summary>Holds back every request, interaction callbacks included, for <paramref name="pause"/>.</summary>
    public void PauseAll(TimeSpan pause)
    {
        lock (_invalidLock)
        {
            var until = time.GetUtcNow() + pause;
            if (until > _allPausedUntil)
            {
                _allPausedUntil = until;
            }
        }
    }

    public void CountInvalid()
    {
        lock (_invalidLock)
        {
            _invalid.Enqueue(time.GetUtcNow());
        }
    }

    private async Task WaitForInvalidBudgetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_invalidLock)
            {
                var now = time.GetUtcNow();
                PruneInvalid(now);
                if (_allPausedUntil > now)
                {
                    wait = _allPausedUntil - now;
                }
                else if (_invalid.Count < _limits.InvalidRequestBudget)
                {
                    _budgetWarned = false;
                    return;
                }
                else
                {
                    wait = _invalid.Peek() + InvalidRequestWindow - now;
                }

                if (_allPausedUntil <= now && !_budgetWarned)
                {
                    _budgetWarned = true;
                    logger.LogWarning(
                        "Discord: {Count} invalid requests (401/403/429) in 10 minutes; pausing requests for {Wait} to stay clear of Discord's ban at 10,000",
                        _invalid.Count,
                        wait);
                }
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void PruneInvalid(DateTimeOffset now)
    {
        while (_invalid.Count > 0 && _invalid.Peek() <= now - InvalidRequestWindow)
        {
            _invalid.Dequeue();
        }
    }

    /// <summary>
    /// Takes one of the global slots. A slot is held from the send until the answer arrives plus the window, so a
    /// request that is slow to reach Discord can never make the next window look fuller than we counted.
    /// </summary>
    private async Task AcquireGlobalAsync(CancellationToken cancellationToken)
    {
        await _globalGate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                Task released;
                TimeSpan wait;
                lock (_slotLock)
                {
                    var now = time.GetUtcNow();
                    while (_slotExpiries.TryPeek(out _, out var expiry) && expiry <= now)
                    {
                        _slotExpiries.Dequeue();
                    }

                    if (_globalPausedUntil > now)
                    {
                        wait = _globalPausedUntil - now;
                    }
                    else if (_slotsInFlight + _slotExpiries.Count < _limits.ProcessGlobalRateLimit)
                    {
                        _slotsInFlight++;
                        return;
                    }
                    else
                    {
                        wait = _slotExpiries.TryPeek(out _, out var first) ? first - now : Timeout.InfiniteTimeSpan;
                    }

                    released = _slotReleased.Task;
                }

                // Wake up when a slot expires, or when an answer comes back and starts a slot's countdown.
                if (wait == Timeout.InfiniteTimeSpan)
                {
                    await released.WaitAsync(cancellationToken);
                }
                else
                {
                    await Task.WhenAny(released, Task.Delay(wait, time, cancellationToken));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            _globalGate.Release();
        }
    }

    private void ReleaseGlobalSlot()
    {
        TaskCompletionSource released;
        lock (_slotLock)
        {
            _slotsInFlight--;
            var expiry = time.GetUtcNow() + _limits.GlobalRateWindow;
            _slotExpiries.Enqueue(expiry, expiry);
            released = _slotReleased;
            _slotReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    private Bucket GetBucket(DiscordRoute route)
    {
        if (Interlocked.Increment(ref _bucketsCreated) % 1024 == 0)
        {
            SweepIdleBuckets();
        }

        var routeKey = route.Key + "|" + route.Major;
        if (!_hashes.TryGetValue(route.Key, out var hash))
        {
            return _buckets.GetOrAdd(routeKey, _ => new Bucket());
        }

        // Once Discord has told us the shared hash, a bucket first keyed by route (and perhaps rate limited
        // under that key) must carry its state over rather than start afresh.
        var hashKey = hash + "|" + route.Major;
        if (_buckets.TryGetValue(hashKey, out var bucket))
        {
            return bucket;
        }

        return _buckets.TryGetValue(routeKey, out var earlier)
            ? _buckets.GetOrAdd(hashKey, earlier)
            : _buckets.GetOrAdd(hashKey, _ => new Bucket());
    }

    /// <summary>Interaction webhooks and one-off channels would otherwise leave a bucket behind forever.</summary>
    private void SweepIdleBuckets()
    {
        var now = time.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.ResetAt < now && bucket.Gate.CurrentCount == 1)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private void Learn(DiscordRoute route, Bucket bucket, HttpResponseHeaders headers)
    {
        var now = time.GetUtcNow();
        if (Header(headers, "X-RateLimit-Remaining") is { } remainingText && int.TryParse(remainingText, CultureInfo.InvariantCulture, out var remaining))
        {
            bucket.Remaining = remaining;
        }

        if (Header(headers, "X-RateLimit-Reset-After") is { } resetText
            && double.TryParse(resetText, NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            bucket.ResetAt = now + TimeSpan.FromSeconds(resetAfter);
        }

        if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } hash && _hashes.TryAdd(route.Key, hash))
        {
            // Requests after this one find the same bucket object under its shared hash.
            _buckets.TryAdd(hash + "|" + route.Major, bucket);
        }
    }

    private void RateLimited(Bucket? bucket, TimeSpan retryAfter, bool global)
    {
        var until = time.GetUtcNow() + retryAfter + _limits.RateLimitMargin;
        if (global)
        {
            lock (_slotLock)
            {
                if (until > _globalPausedUntil)
                {
                    _globalPausedUntil = until;
                }
            }
        }
        else if (bucket is not null)
        {
            bucket.Remaining = 0;
            if (until > bucket.ResetAt)
            {
                bucket.ResetAt = until;
            }
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int? Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }

    /// <summary>The right to send one request in a bucket; dispose after reading the response headers.</summary>
    internal sealed class Lease(RestRateLimiter owner, Bucket? bucket, DiscordRoute route, bool globalSlot) : IDisposable
    {
        private bool _released;

        public void Update(HttpResponseHeaders headers)
        {
            if (bucket is not null)
            {
                owner.Learn(route, bucket, headers);
            }
        }

        public void RateLimited(TimeSpan retryAfter, bool global) => owner.RateLimited(bucket, retryAfter, global);

        public void Dispose()
        {
            if (!_released)
            {
                _released = true;
                bucket?.Gate.Release();
                if (globalSlot)
                {
                    owner.ReleaseGlobalSlot();
                }
            }
        }
    }
}

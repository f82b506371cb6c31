using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord.Api;

/// <summary>
/// Keeps the REST client inside Discord's limits: one request at a time per bucket (learned from the
/// <c>X-RateLimit-*</c> headers, keyed by route + major id), a rolling global window (50 per second),
/// global pauses after a global 429, and a budget of invalid requests (401/403/429) per 10 minutes.
/// </summary>
internal sealed class RestRateLimiter(RestLimits limits, TimeProvider time, ILogger logger) : IDisposable
{
    private static readonly TimeSpan InvalidRequestWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _globalGate = new(1, 1);

    // Background requests (scheduled posts) queue here first, so at most one of them competes with replies to people.
    private readonly SemaphoreSlim _backgroundLane = new(1, 1);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _invalidLock = new();
    private DateTimeOffset _globalPausedUntil;
    private int _bucketsCreated;
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

    public async Task<Lease> AcquireAsync(DiscordRoute route, bool background, CancellationToken cancellationToken)
    {
        await WaitForInvalidBudgetAsync(cancellationToken);
        if (route.IsInteractionCallback)
        {
            // Every interaction has its own callback and none counts toward the global limit: no queue (a burst).
            return new Lease(this, null, route);
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

                await Task.Delay(bucket.ResetAt - now + limits.Margin, time, cancellationToken);
            }

            if (!route.ExemptFromGlobal)
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

            return new Lease(this, bucket, route);
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
                if (_invalid.Count < limits.InvalidRequestBudget)
                {
                    _budgetWarned = false;
                    return;
                }

                wait = _invalid.Peek() + InvalidRequestWindow - now;
                if (!_budgetWarned)
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

    private async Task AcquireGlobalAsync(CancellationToken cancellationToken)
    {
        await _globalGate.WaitAsync(cancellationToken);
        try
        {
            var span = limits.GlobalWindow + limits.Margin;
            while (true)
            {
                var now = time.GetUtcNow();
                if (_globalPausedUntil > now)
                {
                    await Task.Delay(_globalPausedUntil - now, time, cancellationToken);
                    continue;
                }

                while (_recent.Count > 0 && _recent.Peek() <= now - span)
                {
                    _recent.Dequeue();
                }

                if (_recent.Count < limits.GlobalLimit)
                {
                    _recent.Enqueue(now);
                    return;
                }

                await Task.Delay(_recent.Peek() + span - now, time, cancellationToken);
            }
        }
        finally
        {
            _globalGate.Release();
        }
    }

    private Bucket GetBucket(DiscordRoute route)
    {
        var key = (_hashes.TryGetValue(route.Key, out var hash) ? hash : route.Key) + "|" + route.Major;
        if (_buckets.TryGetValue(key, out var bucket))
        {
            return bucket;
        }

        if (Interlocked.Increment(ref _bucketsCreated) % 1024 == 0)
        {
            SweepIdleBuckets();
        }

        return _buckets.GetOrAdd(key, _ => new Bucket());
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
        var until = time.GetUtcNow() + retryAfter + limits.Margin;
        if (global)
        {
            if (until > _globalPausedUntil)
            {
                _globalPausedUntil = until;
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
    internal sealed class Lease(RestRateLimiter owner, Bucket? bucket, DiscordRoute route) : IDisposable
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
            }
        }
    }
}

internal sealed record RestLimits(int GlobalLimit, TimeSpan GlobalWindow, TimeSpan Margin, int InvalidRequestBudget)
{
    public static RestLimits From(DiscordOptions options) =>
        new(options.GlobalRateLimit, options.GlobalRateWindow, options.RateLimitMargin, options.InvalidRequestBudget);
}

using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells the test when the scheduler goes to sleep and until when, so a test
/// can move time forward exactly from wake-up to wake-up, with no real waiting and no guessing.
/// </summary>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _inner = new(start);
    private readonly Channel<DateTimeOffset> _sleeps = Channel.CreateUnbounded<DateTimeOffset>();
    private DateTimeOffset? _pendingWake;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var now = _inner.GetUtcNow();
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _sleeps.Writer.TryWrite(now + dueTime);
        }

        return timer;
    }

    /// <summary>Waits (in real time, as a safety net only) until the scheduler sleeps; returns when it wants to wake.</summary>
    public async Task<DateTimeOffset> NextSleepAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyNet);
        return await _sleeps.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Moves time to <paramref name="target"/>, waking the scheduler at every moment it asked for on the way.</summary>
    public async Task RunUntilAsync(DateTimeOffset target)
    {
        var wake = _pendingWake ?? await NextSleepAsync();
        while (wake <= target)
        {
            _inner.Advance(wake - GetUtcNow());
            wake = await NextSleepAsync();
        }

        _inner.Advance(target - GetUtcNow());

        // The scheduler still sleeps until 'wake'; the next call starts from there.
        _pendingWake = wake;
    }

    /// <summary>Forgets the sleep of a scheduler that has been stopped, so the next host's sleeps are read fresh.</summary>
    public void SchedulerStopped()
    {
        _pendingWake = null;
        while (_sleeps.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Moves time with no scheduler running (downtime between two hosts).</summary>
    public void Jump(DateTimeOffset target)
    {
        SchedulerStopped();
        _inner.Advance(target - GetUtcNow());
    }
}

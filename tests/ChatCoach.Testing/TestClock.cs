using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are armed (every <c>Task.Delay</c>,
/// <c>CancelAfter</c> and <c>CreateTimer</c> on it). A test can then move fake time only once the code under test is
/// waiting on it — a step taken before the code has armed its timer would be lost to it (it would count from the later
/// moment), which is how a busy machine turns an exact fake-time measurement into a flaky one. The wall clock only
/// bounds how long a test waits for the timer to be armed, generously.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>How long to wait on the wall clock for the code under test to arm a timer: a safety net, never the measure.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly HashSet<WatchedTimer> _armed = [];

    /// <summary>How far ahead each armed timer is due, soonest first.</summary>
    public IReadOnlyList<TimeSpan> ArmedTimers
    {
        get
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                return [.. _armed.Select(t => t.DueAt - now).Order()];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new WatchedTimer(this);

        // Armed before the fake timer exists: a timer due at once fires inside CreateTimer.
        timer.Arm(dueTime, period);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return timer;
    }

    /// <summary>
    /// Waits (wall clock, polling) until a timer is armed whose remaining time satisfies <paramref name="isTheOne"/>,
    /// then moves fake time exactly to it; returns how far the clock moved.
    /// </summary>
    public async Task<TimeSpan> AdvanceToTimerAsync(Func<TimeSpan, bool> isTheOne, string what)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var due = await WaitForTimerAsync(isTheOne, what);
        if (due > TimeSpan.Zero)
        {
            Advance(due);
        }

        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    /// <summary>
    /// Moves fake time by <paramref name="by"/>, then waits (wall clock, polling) until as many timers are armed as
    /// before: each background loop the step woke has run its pass and armed its next wait. A step taken while a loop
    /// is still between its pass and its next wait is lost to it (its wait counts from the later moment), which is how
    /// a busy machine made a scheduled reminder never come.
    /// </summary>
    public async Task AdvanceAndSettleAsync(TimeSpan by)
    {
        var armed = ArmedTimers.Count;
        Advance(by);
        var started = Environment.TickCount64;
        while (ArmedTimers.Count < armed)
        {
            if (Environment.TickCount64 - started > Patience.TotalMilliseconds)
            {
                throw new TimeoutException($"Gave up after {Patience.TotalSeconds} s waiting for {armed} timers to be armed again after a step of {by}; armed: [{string.Join(", ", ArmedTimers)}]");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Waits (wall clock, polling) until a timer is armed whose remaining time satisfies <paramref name="isTheOne"/>; returns that time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> isTheOne, string what)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var started = Environment.TickCount64;
        while (true)
        {
            foreach (var due in ArmedTimers)
            {
                if (isTheOne(due))
                {
                    return due;
                }
            }

            if (Environment.TickCount64 - started > Patience.TotalMilliseconds)
            {
                throw new TimeoutException($"Gave up after {Patience.TotalSeconds} s waiting for {what} to arm its timer; armed: [{string.Join(", ", ArmedTimers)}]");
            }

            await Task.Delay(1);
        }
    }

    private sealed class WatchedTimer(TestClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset DueAt { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    clock._armed.Remove(this);
                    return;
                }

                DueAt = clock.GetUtcNow() + dueTime;
                clock._armed.Add(this);
            }
        }

        public void Fired()
        {
            lock (clock._gate)
            {
                if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
                {
                    clock._armed.Remove(this);
                }
                else
                {
                    DueAt += _period;
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner.DisposeAsync();
        }

        private void Disarm()
        {
            lock (clock._gate)
            {
                clock._armed.Remove(this);
            }
        }
    }
}

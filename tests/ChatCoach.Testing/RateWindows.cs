namespace ChatCoach.Testing;

/// <summary>Send rates read from the times a platform double recorded (on its own clock).</summary>
public static class RateWindows
{
    /// <summary>The most sends inside any window of <paramref name="window"/> (a sliding window, as the platforms count).</summary>
    public static int MaxInWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        var max = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    /// <summary>
    /// Sends per second over [first, last): the sends before the last one's moment, divided by the time from the first to
    /// the last. At exactly L per one-second window this is L whatever the count, where count / span would overstate
    /// it (the first window's burst) and count / (span + window) understate it (a part-filled last window).
    /// </summary>
    public static double PerSecond(IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.Order().ToList();
        if (sorted.Count < 2 || sorted[^1] == sorted[0])
        {
            return 0;
        }

        return sorted.Count(t => t < sorted[^1]) / (sorted[^1] - sorted[0]).TotalSeconds;
    }
}

using System.ComponentModel.DataAnnotations;

namespace ChatCoach.Core.DailyPosts;

/// <summary>Settings of the daily post scheduler (section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>The longest the scheduler sleeps; it also picks up subscriptions made since the last look.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Scheduler:PollInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many posts are sent at once; the adapters rate-limit themselves behind this.</summary>
    [Range(1, 256, ErrorMessage = "Scheduler:MaxParallelSends must be between 1 and 256.")]
    public int MaxParallelSends { get; set; } = 8;

    /// <summary>How many due subscriptions are read from storage at a time within a pass.</summary>
    [Range(1, 100_000, ErrorMessage = "Scheduler:BatchSize must be between 1 and 100000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>Wait before the first retry after a temporary failure; doubled for each further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00", ErrorMessage = "Scheduler:RetryDelay must be between 00:00:01 and 06:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The cap on the doubled retry delay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00", ErrorMessage = "Scheduler:MaxRetryDelay must be between 00:00:01 and 12:00:00.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts per post before the day's post is given up.</summary>
    [Range(1, 50, ErrorMessage = "Scheduler:MaxAttempts must be between 1 and 50.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Pause after a pass fails unexpectedly (storage trouble), before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Scheduler:ErrorDelay must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ErrorDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long delivery records are kept; only the last day or two are needed to avoid double posts.</summary>
    [Range(typeof(TimeSpan), "2.00:00:00", "3650.00:00:00", ErrorMessage = "Scheduler:DeliveryRetention must be between 2.00:00:00 and 3650.00:00:00.")]
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// With several instances on one database (PostgreSQL): how long an instance's claim on a post lasts. A claim whose
    /// instance died is taken over once it runs out, so it must be longer than one send can take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Scheduler:ClaimLease must be between 00:00:10 and 01:00:00.")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryDelayFor(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < RetryDelay ? RetryDelay : delay;
    }
}

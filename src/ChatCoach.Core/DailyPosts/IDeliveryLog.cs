using NodaTime;

namespace ChatCoach.Core.DailyPosts;

public enum DeliveryStatus
{
    /// <summary>Being sent, or waiting for a retry. Found after a crash, it means "send again".</summary>
    Pending,
    Sent,

    /// <summary>Given up for that day (permanent failure, or retries used up).</summary>
    Failed,
}

/// <summary>One day's post to one subscription; at most one per (subscription, local date).</summary>
public sealed record Delivery(string SubscriptionId, LocalDate LocalDate, DeliveryStatus Status, int Attempts, Instant UpdatedAt, string? Reason = null);

/// <summary>The record that makes the scheduler idempotent across restarts: written before and after each send.</summary>
public interface IDeliveryLog
{
    Task<Delivery?> FindAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the delivery for (<see cref="Delivery.SubscriptionId"/>, <see cref="Delivery.LocalDate"/>).</summary>
    Task SaveAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Removes the rows of local dates before <paramref name="cutoff"/>; only recent days matter for idempotence.</summary>
    Task<int> DeleteBeforeAsync(LocalDate cutoff, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using ChatCoach.Core.Subscriptions;
using NodaTime;

namespace ChatCoach.Core.Tests.Fakes;

public sealed class InMemoryDeliveryLog : IDeliveryLog
{
    private readonly ConcurrentDictionary<(string, LocalDate), Delivery> _rows = new();

    public IReadOnlyCollection<Delivery> All => [.. _rows.Values];

    public Task<Delivery?> FindAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue((subscriptionId, localDate), out var d) ? d : null);

    public Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        _rows[(delivery.SubscriptionId, delivery.LocalDate)] = delivery;
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Testing;

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

    public Task<int> DeleteBeforeAsync(LocalDate cutoff, CancellationToken cancellationToken)
    {
        var old = _rows.Keys.Where(k => k.Item2 < cutoff).ToList();
        return Task.FromResult(old.Count(k => _rows.TryRemove(k, out _)));
    }
}

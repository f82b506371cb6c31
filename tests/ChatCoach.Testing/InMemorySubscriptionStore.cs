using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Testing;

public sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private readonly ConcurrentDictionary<string, Subscription> _rows = new();

    public IReadOnlyCollection<Subscription> All => [.. _rows.Values];

    public Task<Subscription?> FindAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(Subscription.KeyOf(chat), out var s) ? s : null);

    public Task SaveAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        _rows[subscription.Id] = subscription;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryRemove(Subscription.KeyOf(chat), out _));

    public Task<IReadOnlyList<Subscription>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Subscription>>(
            [.. _rows.Values.Where(s => s.Enabled && s.NextDue <= now).OrderBy(s => s.NextDue).ThenBy(s => s.Id, StringComparer.Ordinal).Skip(skip).Take(limit)]);

    public Task<IReadOnlyList<Subscription>> FindCreatedByAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Subscription>>([.. _rows.Values.Where(s => s.CreatedBy == person)]);

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var subscription in _rows.Values.Where(s => s.CreatedBy == person).ToList())
        {
            if (subscription.IsDirectChatOf(person))
            {
                _rows.TryRemove(subscription.Id, out _);
            }
            else
            {
                _rows[subscription.Id] = subscription with { CreatedBy = Subscription.NoCreator };
            }

            changed++;
        }

        return Task.FromResult(changed);
    }

    public Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.Values.Where(s => s.Enabled && s.NextDue > now).Select(s => (Instant?)s.NextDue).Min());
}

using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Subscriptions;

public interface ISubscriptionStore
{
    Task<Subscription?> FindAsync(ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the subscription of <see cref="Subscription.Chat"/>.</summary>
    Task SaveAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes the chat's subscription; false when there was none.</summary>
    Task<bool> DeleteAsync(ChatAddress chat, CancellationToken cancellationToken);

    /// <summary>
    /// Enabled subscriptions with <see cref="Subscription.NextDue"/> at or before <paramref name="now"/>, earliest first,
    /// leaving out the first <paramref name="skip"/> (ones the caller left due, such as another shard's chats).
    /// </summary>
    Task<IReadOnlyList<Subscription>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest <see cref="Subscription.NextDue"/> strictly after <paramref name="now"/>, or null when nothing is scheduled.</summary>
    Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken);
}

using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.DailyPosts;

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

    /// <summary>
    /// Moves the chat's subscription to <paramref name="destination"/> (a platform gave the chat a new id, as Telegram
    /// does when a group becomes a supergroup); false when <paramref name="source"/> had none. The copy is saved before the old one is
    /// removed, so an interruption leaves a duplicate, never a loss, and repeating the move finishes it.
    /// </summary>
    async Task<bool> MoveAsync(ChatAddress source, ChatAddress destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (await FindAsync(source, cancellationToken) is not { } subscription)
        {
            return false;
        }

        if (await FindAsync(destination, cancellationToken) is null)
        {
            await SaveAsync(subscription with { Chat = destination }, cancellationToken);
        }

        await DeleteAsync(source, cancellationToken);
        return true;
    }

    /// <summary>Subscriptions whose <see cref="Subscription.CreatedBy"/> is <paramref name="person"/> (for export).</summary>
    Task<IReadOnlyList<Subscription>> FindCreatedByAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot search by creator yet.");

    /// <summary>
    /// Forgets <paramref name="person"/> as a creator: their group subscriptions stay (they belong to the chat) with
    /// <see cref="Subscription.CreatedBy"/> set to <see cref="Subscription.NoCreator"/>; the one of their own direct chat
    /// (<see cref="Subscription.IsDirectChatOf"/>, on any platform) is deleted. Returns how many changed or went.
    /// </summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot forget a creator yet.");

    /// <summary>The earliest <see cref="Subscription.NextDue"/> strictly after <paramref name="now"/>, or null when nothing is scheduled.</summary>
    Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken);
}

using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.DailyPosts;

public static class SubscriptionStoreExtensions
{
    /// <summary>
    /// Stops a chat's daily posts when the platform says the chat is gone (a Discord channel deleted, the bot removed
    /// from a server), as the scheduler does after a permanent send failure. False when there was no enabled subscription.
    /// </summary>
    public static async Task<bool> DisableAsync(this ISubscriptionStore store, ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var subscription = await store.FindAsync(chat, cancellationToken);
        if (subscription is not { Enabled: true })
        {
            return false;
        }

        await store.SaveAsync(subscription with { Enabled = false, DisabledReason = reason, NextDue = Instant.MaxValue }, cancellationToken);
        return true;
    }
}

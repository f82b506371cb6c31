using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.Sending;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// A Telegram group upgraded to a supergroup gets a new chat id: its subscription and leaderboard history move there.
/// Telegram says so three ways (a <c>migrate_to_chat_id</c> service message in the old group, a
/// <c>migrate_from_chat_id</c> one in the new supergroup, a 400 with <c>parameters.migrate_to_chat_id</c> to a send);
/// any of them moves the chat, and repeating the move does no harm.
/// </summary>
internal sealed class ChatMigrations(ISubscriptionStore subscriptions, IStreakActivityStore activity, ILogger<ChatMigrations> logger)
{
    /// <summary>From a service message: the subscription and the leaderboard history move.</summary>
    public async Task MoveAsync(long from, long to, CancellationToken cancellationToken)
    {
        if (from == to)
        {
            return;
        }

        await MoveHistoryAsync(from, to, cancellationToken);
        var moved = await subscriptions.MoveAsync(Address(from), Address(to), cancellationToken);
        logger.LogInformation("Telegram group {From} became supergroup {To}: {What} moved", from, to, moved ? "subscription and leaderboard" : "leaderboard");
    }

    /// <summary>
    /// From a send answered with migrate_to_chat_id: the leaderboard history moves here; the subscription is moved by
    /// the scheduler when its post comes back as sent to the new address (moving it here would race the scheduler's
    /// own save after the send).
    /// </summary>
    public async Task MoveHistoryAsync(long from, long to, CancellationToken cancellationToken)
    {
        // Copying is harmless if repeated.
        foreach (var member in await activity.GetMembersAsync(Address(from), cancellationToken))
        {
            await (member.DisplayName is { } name
                ? activity.RecordAsync(Address(to), member.Person, name, cancellationToken)
                : activity.RecordAsync(Address(to), member.Person, cancellationToken));
        }
    }

    private static ChatAddress Address(long chatId) => new(TelegramChatSender.PlatformName, chatId.ToString(CultureInfo.InvariantCulture));
}

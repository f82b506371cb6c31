using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Telegram.Receiving;
using ChatCoach.Telegram.Rendering;

namespace ChatCoach.Telegram.Sending;

/// <summary>
/// Scheduled posts to Telegram chats: rendered, then queued behind replies to people. With several instances only the
/// elected long poller posts (Telegram's 30 messages/s is per token, so one instance owns the fan-out); the others
/// leave the posts due for it and send only replies to the updates they got.
/// </summary>
internal sealed class TelegramChatSender(TelegramOutbox outbox, TelegramPollingService? polling = null) : IChatSender
{
    public const string PlatformName = "telegram";

    public string Platform => PlatformName;

    public bool PostsTo(ChatAddress chat) =>
        chat is not null && chat.Platform == PlatformName && (polling is null || polling.OwnsScheduledPosts) && long.TryParse(chat.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    /// <summary>Telegram's private chats have the person's (positive) id; groups, supergroups and channels negative ones.</summary>
    public bool IsDirectChat(ChatAddress chat) =>
        chat is not null && long.TryParse(chat.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id > 0;

    public Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (!long.TryParse(chat.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return Task.FromResult(SendOutcome.Permanent($"'{chat.ChatId}' is not a Telegram chat id"));
        }

        // A subscription made in a forum topic posts to that topic.
        int? threadId = int.TryParse(chat.ThreadId, NumberStyles.None, CultureInfo.InvariantCulture, out var thread) ? thread : null;
        return SendAllAsync(outbox, chatId, TelegramRenderer.Render(reply), SendPriority.Scheduled, null, cancellationToken, threadId);
    }

    /// <summary>Queues every part of a reply at once (the chat's lane keeps them in order); the first failure is the outcome.</summary>
    internal static async Task<SendOutcome> SendAllAsync(TelegramOutbox outbox, long chatId, IReadOnlyList<TelegramMessage> parts, SendPriority priority, int? replyTo, CancellationToken cancellationToken, int? threadId = null)
    {
        var sends = parts.Select((part, i) => outbox.EnqueueAsync(chatId, part, priority, i == 0 ? replyTo : null, cancellationToken, threadId)).ToList();
        var outcomes = await Task.WhenAll(sends);
        return outcomes.FirstOrDefault(o => o.Status != SendStatus.Sent) ?? outcomes.FirstOrDefault(o => o.MovedTo is not null) ?? SendOutcome.Sent;
    }
}

using System.Globalization;
using System.Text;
using ChatCoach.Core.Conversation;
using ChatCoach.Telegram.Sending;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatCoach.Telegram.Receiving;

/// <summary>The bot as getMe describes it.</summary>
internal sealed record BotIdentity(long Id, string UserName);

/// <summary>Turns Telegram messages into the core's inbound messages: flags, display name, the bot's mention removed.</summary>
internal static class UpdateTranslator
{
    public static InboundMessage FromMessage(Message message, BotIdentity bot, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(bot);
        var isDirect = message.Chat.Type == ChatType.Private;
        var (text, mentioned) = WithoutBotMention(message.Text ?? "", message.Entities, bot);
        var repliesToBot = message.ReplyToMessage?.From?.Id == bot.Id;
        return new InboundMessage(
            TelegramChatSender.PlatformName,
            message.Chat.Id.ToString(CultureInfo.InvariantCulture),
            SenderId(message).ToString(CultureInfo.InvariantCulture),
            message.SenderChat is { } senderChat ? senderChat.Title ?? "the group" : DisplayName(message.From, null),
            isDirect,
            isDirect || isAdmin,
            text)
        {
            BotUserName = bot.UserName,
            IsAddressedToBot = mentioned || repliesToBot,

            // Telegram dates every message when it is sent: a /done that waited through an outage counts its own day.
            OccurredAt = SentAt(message) is { } sent ? NodaTime.Instant.FromDateTimeOffset(sent) : null,
            ThreadId = TopicOf(message)?.ToString(CultureInfo.InvariantCulture),
            PlatformLanguage = message.SenderChat is null ? message.From?.LanguageCode : null,
        };
    }

    /// <summary>When Telegram says the message was sent (null when the date is missing).</summary>
    public static DateTimeOffset? SentAt(Message message) =>
        message.Date == default ? null : new DateTimeOffset(DateTime.SpecifyKind(message.Date, DateTimeKind.Utc));

    /// <summary>The forum topic a message was posted in (answers and a subscription made there go to it); null outside topics.</summary>
    public static int? TopicOf(Message message) => message.IsTopicMessage ? message.MessageThreadId : null;

    public static InboundMessage FromCallback(CallbackQuery query, Message message, BotIdentity bot, bool isAdmin, DateTimeOffset? pressedAt = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(message);
        var isDirect = message.Chat.Type == ChatType.Private;
        return new InboundMessage(
            TelegramChatSender.PlatformName,
            message.Chat.Id.ToString(CultureInfo.InvariantCulture),
            query.From.Id.ToString(CultureInfo.InvariantCulture),
            DisplayName(query.From, null),
            isDirect,
            isDirect || isAdmin,
            Text: null,
            Action: query.Data ?? "")
        {
            BotUserName = bot.UserName,
            IsAddressedToBot = true,
            OccurredAt = pressedAt is { } at ? NodaTime.Instant.FromDateTimeOffset(at) : null,
            ThreadId = TopicOf(message)?.ToString(CultureInfo.InvariantCulture),
            PlatformLanguage = query.From.LanguageCode,
        };
    }

    /// <summary>An anonymous group administrator posts as the group itself.</summary>
    public static bool IsAnonymousAdmin(Message message) =>
        message.SenderChat is { } senderChat && senderChat.Id == message.Chat.Id;

    /// <summary>Who sent it: a chat posting as itself (anonymous admin, linked channel) rather than the shared placeholder user.</summary>
    public static long SenderId(Message message) => message.SenderChat?.Id ?? message.From?.Id ?? message.Chat.Id;

    private static string DisplayName(User? user, string? fallback)
    {
        if (user is null)
        {
            return fallback ?? "someone";
        }

        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))).Trim();
        return name.Length > 0 ? name : user.Username ?? "someone";
    }

    /// <summary>Removes "@thisbot" mentions (and text mentions of the bot) so the router sees only the question.</summary>
    private static (string Text, bool Mentioned) WithoutBotMention(string text, MessageEntity[]? entities, BotIdentity bot)
    {
        if (entities is null || entities.Length == 0)
        {
            return (text, false);
        }

        var mentioned = false;
        var builder = new StringBuilder(text);

        // Entity offsets are UTF-16 positions, like .NET strings; cut from the end so earlier offsets stay valid.
        foreach (var entity in entities.OrderByDescending(e => e.Offset))
        {
            if (entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > text.Length)
            {
                continue;
            }

            var isBot = entity.Type switch
            {
                MessageEntityType.Mention => string.Equals(text.Substring(entity.Offset, entity.Length), "@" + bot.UserName, StringComparison.OrdinalIgnoreCase),
                MessageEntityType.TextMention => entity.User?.Id == bot.Id,
                _ => false,
            };
            if (isBot)
            {
                mentioned = true;
                builder.Remove(entity.Offset, entity.Length);
            }
        }

        if (!mentioned)
        {
            return (text, false);
        }

        var cleaned = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim();
        return (cleaned.TrimStart(',', ':', ' '), true);
    }
}

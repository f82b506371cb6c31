using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Telegram.Rendering;
using ChatCoach.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatCoach.Telegram.Receiving;

/// <summary>Where an error came from, in the spirit of Telegram.Bot's <c>HandleErrorSource</c>.</summary>
internal enum UpdateErrorSource
{
    /// <summary>getUpdates or a start-up call failed: receiving retries with backoff.</summary>
    Receiving,

    /// <summary>Handling one update failed: that update is logged and skipped.</summary>
    Handling,
}

/// <summary>
/// Handles one update (shaped like Telegram.Bot's <c>IUpdateHandler</c>): translates it, routes it through the core,
/// answers a button press and queues the replies. It knows nothing of offsets or polling; it returns the delivery of
/// the replies, so that the receiver confirms an update only once its replies have been sent or definitively failed.
/// </summary>
internal sealed class TelegramUpdateHandler(
    ITelegramBotClient client,
    CommandRouter router,
    TelegramOutbox outbox,
    AdminCheck admins,
    ISubscriptionStore subscriptions,
    ChatMigrations migrations,
    PressTimes presses,
    PersonCultures cultures,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramUpdateHandler> logger)
{
    private static readonly Task<bool> s_nothingToSend = Task.FromResult(true);
    private readonly TelegramOptions _options = options.Value;

    /// <summary>
    /// Routes the update and queues its replies; the returned task completes when those replies are finished: true
    /// when each was sent or definitively failed, false when the outbox stopped first (the update must be handled
    /// again after a restart). Throws only when <paramref name="cancellationToken"/> stops the handling itself.
    /// </summary>
    /// <param name="pressEstimate">For a button press, when it was probably made (<see cref="PressTimes.Estimate"/>); null means now.</param>
    public async Task<Task<bool>> HandleUpdateAsync(Update update, BotIdentity bot, CancellationToken cancellationToken, DateTimeOffset? pressEstimate = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        try
        {
            return update switch
            {
                { Message: { } message } => await HandleMessageAsync(message, bot, cancellationToken),
                { CallbackQuery: { } query } => await HandleCallbackAsync(query, bot, pressEstimate, cancellationToken),
                { MyChatMember: { } membership } => await HandleMembershipAsync(membership, bot, cancellationToken),
                { ChannelPost: { } post } => await HandleChannelPostAsync(post, bot, cancellationToken),

                // Edited messages are not requested (an edit of "/done" is not a second press); anything else: not for this bot.
                _ => s_nothingToSend,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One bad update must not stop the loop; it is logged and skipped (not retried for ever).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HandleError(ex, UpdateErrorSource.Handling, update.Id);
            return s_nothingToSend;
        }
    }

    /// <summary>Logs an error by its source, never with the token.</summary>
    public void HandleError(Exception exception, UpdateErrorSource source, long updateId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        logger.LogError("Telegram {Source} error for update {UpdateId}: {ErrorType}: {Error}\n{StackTrace}", source, updateId, exception.GetType().Name, Redaction.Redact(exception.Message, _options.Token), exception.StackTrace);
    }

    private async Task<Task<bool>> HandleMessageAsync(Message message, BotIdentity bot, CancellationToken cancellationToken)
    {
        // Service messages of a group's upgrade to a supergroup (one in each chat): the chat's data moves with it.
        if (message.MigrateToChatId is { } movedTo)
        {
            await migrations.MoveAsync(message.Chat.Id, movedTo, cancellationToken);
            return s_nothingToSend;
        }

        if (message.MigrateFromChatId is { } movedFrom)
        {
            await migrations.MoveAsync(movedFrom, message.Chat.Id, cancellationToken);
            return s_nothingToSend;
        }

        // Other bots are ignored; an anonymous admin also arrives "from" a bot (GroupAnonymousBot) but as the group.
        if (message.Text is null || (message.From?.IsBot == true && !UpdateTranslator.IsAnonymousAdmin(message)))
        {
            return s_nothingToSend;
        }

        var isGroup = message.Chat.Type != ChatType.Private;
        var isAdmin = false;

        // getChatMember only for a command to this bot in a group: chatter never costs an API call.
        if (isGroup && IsCommandForBot(message.Text, bot))
        {
            isAdmin = UpdateTranslator.IsAnonymousAdmin(message)
                || (message.From is { } from && await admins.IsAdminAsync(message.Chat.Id, from.Id, cancellationToken));
        }

        var inbound = UpdateTranslator.FromMessage(message, bot, isAdmin);
        var reply = await router.RouteAsync(inbound, cancellationToken);
        if (reply is null)
        {
            return s_nothingToSend;
        }

        // Help in a group names this bot in every command (/streak@ThisBot): a bare /streak may reach another bot.
        if (isGroup && reply.Kind == ReplyKinds.Help)
        {
            reply = WithBotName(reply, bot);
        }

        // Answered late rather than skipped (a question is never lost), with a line saying why it took so long.
        if (UpdateTranslator.SentAt(message) is { } sentAt && time.GetUtcNow() - sentAt > _options.LateReplyAfter)
        {
            reply = reply with { Blocks = [.. reply.Blocks, new Paragraph(LateNote(await cultures.CultureOfAsync(inbound, cancellationToken)))] };
        }

        // Personal answers (a streak, a time zone that says where someone lives) go to the person's private chat,
        // with a short pointer in the group; Telegram has no message visible to one group member only.
        if (isGroup && message.From is { IsBot: false } person && CommandWord(message.Text, bot) is { } command && PrivateInGroups.Contains(command))
        {
            return DeliverPrivatelyAsync(message, person, command, reply, inbound.UserDisplayName, bot);
        }

        // In a group the answer quotes the person's message, so it is clear whom it is for (Telegram has no
        // replies visible to one member only, so private replies are answered there too).
        return Deliver(message.Chat.Id, reply, isGroup ? message.Id : null, TopicOf(message));
    }

    /// <summary>"/routine [focus] — …" becomes "/routine@ThisBot [focus] — …" in every list of the reply.</summary>
    internal static Reply WithBotName(Reply reply, BotIdentity bot) => reply with
    {
        Blocks = [.. reply.Blocks.Select(block => block is BulletList list
            ? list with { Items = [.. list.Items.Select(item => AddBotName(item, bot.UserName))] }
            : block)],
    };

    private static string AddBotName(string item, string botUserName)
    {
        if (!item.StartsWith('/') || botUserName.Length == 0)
        {
            return item;
        }

        var end = item.IndexOfAny([' ', '\n', '\t']);
        return end < 0 ? $"{item}@{botUserName}" : $"{item[..end]}@{botUserName}{item[end..]}";
    }

    /// <summary>Commands whose answer is personal: typed in a group, answered in the person's private chat.</summary>
    internal static readonly HashSet<string> PrivateInGroups = new(StringComparer.OrdinalIgnoreCase) { "streak", "timezone", "tz" };

    /// <summary>
    /// Sends the answer to the person's private chat. Telegram allows that only once the person has started the bot
    /// (otherwise 403 "bot can't initiate conversation with a user"); either way the group gets one short line that
    /// says where the answer is, or how to get it — never the answer itself.
    /// </summary>
    private async Task<bool> DeliverPrivatelyAsync(Message message, User person, string command, Reply reply, string name, BotIdentity bot)
    {
        var outcome = await TelegramChatSender.SendAllAsync(outbox, person.Id, TelegramRenderer.Render(reply), SendPriority.Reply, null, CancellationToken.None);
        if (TelegramOutbox.IsStopping(outcome))
        {
            return false;
        }

        var pointer = outcome.Status == ChatCoach.Core.DailyPosts.SendStatus.Sent
            ? $"{name}, I've answered you in a private chat 📬"
            : $"{name}, that's personal, so I answer it in a private chat: open @{bot.UserName}, press Start and send /{command.ToLowerInvariant()} there.";
        return await Deliver(message.Chat.Id, new Reply { Blocks = [new Paragraph(pointer)] }, message.Id, TopicOf(message));
    }

    /// <summary>The command's name ("streak" for "/streak@ThisBot 3"), or null when it is not a command for this bot.</summary>
    private static string? CommandWord(string text, BotIdentity bot)
    {
        if (!IsCommandForBot(text, bot))
        {
            return null;
        }

        var trimmed = text.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\n', '\t']);
        var word = (end < 0 ? trimmed : trimmed[..end])[1..];
        var at = word.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? word : word[..at];
    }

    /// <summary>
    /// A post in a channel where the bot is an administrator (Telegram sends channel posts only then). Only admins post
    /// in a channel, so the poster is one: <c>/subscribe</c> and <c>/unsubscribe</c> work, for the channel (there is
    /// no <c>from</c>; the sender is the channel, <c>sender_chat</c>). Every other post is ignored without a call.
    /// Before answering, the bot checks that it may post there (<c>can_post_messages</c>); if not, it stays quiet and
    /// says why in the log rather than subscribing a channel it can never post to.
    /// </summary>
    private async Task<Task<bool>> HandleChannelPostAsync(Message post, BotIdentity bot, CancellationToken cancellationToken)
    {
        if (post.Text is null || !IsCommandForBot(post.Text, bot))
        {
            return s_nothingToSend;
        }

        if (!await admins.BotCanPostAsync(post.Chat.Id, bot.Id, cancellationToken))
        {
            logger.LogWarning("Telegram channel {ChatId}: a command was posted, but the bot may not post there (it needs the admin right \"Post messages\"); ignored", post.Chat.Id);
            return s_nothingToSend;
        }

        var reply = await router.RouteAsync(UpdateTranslator.FromMessage(post, bot, isAdmin: true), cancellationToken);
        return reply is null ? s_nothingToSend : Deliver(post.Chat.Id, reply, post.Id);
    }

    /// <summary>The line under a reply that comes late, in the person's language.</summary>
    internal static string LateNote(CultureInfo culture) => ChatTexts.Get("platform.lateNote", culture);

    private static int? TopicOf(Message message) => UpdateTranslator.TopicOf(message);

    private async Task<Task<bool>> HandleCallbackAsync(CallbackQuery query, BotIdentity bot, DateTimeOffset? pressEstimate, CancellationToken cancellationToken)
    {
        if (query.Message is not { } message || string.IsNullOrEmpty(query.Data))
        {
            await AnswerAsync(query, null, false, cancellationToken);
            return s_nothingToSend;
        }

        var isGroup = message.Chat.Type != ChatType.Private;

        // No admin lookup for a button (Done and the routine buttons need none): the answer to the press is the first
        // Telegram call, right after routing, so the spinner stops at once.
        // The press's time is written down before it counts: sent again after a crash, it keeps the same day.
        var pressedAt = await presses.StampAsync(query.Id, pressEstimate ?? time.GetUtcNow(), cancellationToken);
        var inbound = UpdateTranslator.FromCallback(query, message, bot, isAdmin: false, pressedAt);
        var reply = await router.RouteAsync(inbound, cancellationToken);

        // "How to do these" under a group or channel post: the full routine goes to the presser alone.
        if (isGroup && reply is { StartPayload: { } payload })
        {
            return await AnswerPrivatelyAsync(query, reply, payload, bot, await cultures.CultureOfAsync(inbound, cancellationToken), cancellationToken);
        }

        // A channel is not a conversation: a press there is answered with a toast only, nothing is posted to everyone.
        if (message.Chat.Type == ChatType.Channel)
        {
            var text = reply is null ? null : reply.Notice ?? reply.Title ?? PlainTextRenderer.Render(reply);
            await AnswerAsync(query, text, reply is { Kind: ReplyKinds.Error }, cancellationToken);
            return s_nothingToSend;
        }

        // A notice becomes the toast; the reply is also posted unless it is private (a repeated Done press is
        // only the presser's business, so it stays a toast). In a group the post names the person ("Ana — Day 5 🔥"),
        // never an anonymous "you". An error shows as an alert; anything else is posted.
        if (reply?.Notice is { } notice)
        {
            await AnswerAsync(query, notice, false, cancellationToken);
            if (reply.IsPrivate)
            {
                return s_nothingToSend;
            }

            return Deliver(message.Chat.Id, isGroup ? reply with { Title = $"{inbound.UserDisplayName} — {reply.Title ?? notice}" } : reply, null, TopicOf(message));
        }

        if (reply is { Kind: ReplyKinds.Error })
        {
            await AnswerAsync(query, PlainTextRenderer.Render(reply), true, cancellationToken);
            return s_nothingToSend;
        }

        await AnswerAsync(query, null, false, cancellationToken);
        return reply is null ? s_nothingToSend : Deliver(message.Chat.Id, reply, null, TopicOf(message));
    }

    /// <summary>The toast under a group post once its steps went to the presser's private chat.</summary>
    internal static string SentPrivatelyToast(CultureInfo culture) => ChatTexts.Get("platform.sentPrivately", culture);

    /// <summary>
    /// A private answer to a press in a group or channel. Telegram lets the bot write to the presser only once they have
    /// started it; otherwise (403 "bot can't initiate conversation with a user", or any other failure) the press is
    /// answered with the deep link <c>https://t.me/&lt;bot&gt;?start=&lt;payload&gt;</c>, which opens the private chat
    /// where Start sends <c>/start &lt;payload&gt;</c> and shows the same reply. Nothing is posted in the group.
    /// </summary>
    private async Task<Task<bool>> AnswerPrivatelyAsync(CallbackQuery query, Reply reply, string payload, BotIdentity bot, CultureInfo culture, CancellationToken cancellationToken)
    {
        var outcome = await TelegramChatSender.SendAllAsync(outbox, query.From.Id, TelegramRenderer.Render(reply), SendPriority.Reply, null, CancellationToken.None);
        if (TelegramOutbox.IsStopping(outcome))
        {
            return Task.FromResult(false);
        }

        if (outcome.Status == ChatCoach.Core.DailyPosts.SendStatus.Sent)
        {
            await AnswerAsync(query, SentPrivatelyToast(culture), false, cancellationToken);
        }
        else
        {
            await AnswerAsync(query, null, false, cancellationToken, DeepLink(bot, payload));
        }

        return s_nothingToSend;
    }

    /// <summary>The link that opens the bot's private chat with a start payload (at most 64 of A–Z, a–z, 0–9, _ and -).</summary>
    internal static string DeepLink(BotIdentity bot, string payload) =>
        $"https://t.me/{bot.UserName}?start={Uri.EscapeDataString(payload)}";

    /// <summary>
    /// The bot's own membership changed. Removed from a group or channel, or blocked by a person (left / kicked):
    /// that chat's daily post is disabled at once, with the reason, instead of failing every day. Added again: a
    /// short greeting saying what the bot does (the subscription stays off until an admin subscribes again).
    /// </summary>
    private async Task<Task<bool>> HandleMembershipAsync(ChatMemberUpdated membership, BotIdentity bot, CancellationToken cancellationToken)
    {
        var was = membership.OldChatMember.Status;
        var now = membership.NewChatMember.Status;
        var chat = new ChatAddress(TelegramChatSender.PlatformName, membership.Chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (now is ChatMemberStatus.Left or ChatMemberStatus.Kicked)
        {
            var reason = membership.Chat.Type == ChatType.Private ? "the person blocked the bot" : $"the bot was removed from the chat ({now.ToString().ToLowerInvariant()})";
            if (await subscriptions.FindAsync(chat, cancellationToken) is { Enabled: true } subscription)
            {
                await subscriptions.SaveAsync(subscription with { Enabled = false, DisabledReason = reason, NextDue = NodaTime.Instant.MaxValue, ChangedAt = NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow()) }, cancellationToken);
                logger.LogInformation("Telegram chat {ChatId}: daily post disabled because {Reason}", membership.Chat.Id, reason);
            }

            return s_nothingToSend;
        }

        if (was is ChatMemberStatus.Left or ChatMemberStatus.Kicked && membership.Chat.Type != ChatType.Private)
        {
            // In the language of whoever added the bot: the group has no language of its own yet.
            var culture = PersonCultures.CultureOf(Languages.FromPlatformTag(membership.From?.LanguageCode));
            var at = "@" + bot.UserName;
            var greeting = Reply.Text(
                ChatTexts.Get("platform.greeting.title", culture),
                ChatTexts.Get("platform.greeting.about", culture),
                ChatTexts.Format("platform.greeting.start", culture, $"/help{at}", $"/subscribe{at}"));
            return Deliver(membership.Chat.Id, greeting, null);
        }

        return s_nothingToSend;
    }

    /// <summary>
    /// Queued without a cancellation token: a stop must not cancel replies already queued (the outbox drains them);
    /// if the outbox stops first, the outcome says so and the update stays unconfirmed.
    /// </summary>
    private async Task<bool> Deliver(long chatId, Reply reply, int? replyTo, int? threadId = null)
    {
        var outcome = await TelegramChatSender.SendAllAsync(outbox, chatId, TelegramRenderer.Render(reply), SendPriority.Reply, replyTo, CancellationToken.None, threadId);
        return !TelegramOutbox.IsStopping(outcome);
    }

    private async Task AnswerAsync(CallbackQuery query, string? text, bool alert, CancellationToken cancellationToken, string? url = null)
    {
        // Answered within CallTimeout or not at all: a slow answer must not hold up this chat's next updates.
        using var timeout = new CancellationTokenSource(_options.CallTimeout, time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.AnswerCallbackQuery(query.Id, Toast(text), alert, url, cancellationToken: call.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Telegram answerCallbackQuery got no answer within {Timeout}", _options.CallTimeout);
        }
        catch (RequestException ex)
        {
            // The button's spinner stops by itself after a while; the press was still handled.
            logger.LogWarning("Telegram answerCallbackQuery failed: {Error}", Redaction.Redact(ex.Message, _options.Token));
        }
    }

    /// <summary>Telegram shows at most 200 characters in a callback answer.</summary>
    private static string? Toast(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var info = new System.Globalization.StringInfo(text.Trim());
        return info.LengthInTextElements <= 200 ? text.Trim() : info.SubstringByTextElements(0, 199) + "…";
    }

    private static bool IsCommandForBot(string text, BotIdentity bot)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('/'))
        {
            return false;
        }

        var end = trimmed.IndexOfAny([' ', '\n', '\t']);
        var word = end < 0 ? trimmed : trimmed[..end];
        var at = word.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || string.Equals(word[(at + 1)..], bot.UserName, StringComparison.OrdinalIgnoreCase);
    }
}

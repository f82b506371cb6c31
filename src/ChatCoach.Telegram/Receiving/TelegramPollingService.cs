using System.Globalization;
using System.Text;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Telegram.Rendering;
using ChatCoach.Telegram.Sending;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// Long polling: deleteWebhook, getMe and setMyCommands at start, then getUpdates in a loop. Updates are handled in
/// parallel across chats and in order within a chat. The offset given to Telegram and kept in the store
/// (<c>telegram:offset</c>, as <c>botId:offset</c>) only moves past updates that have been handled (their replies handed to the outbox),
/// so a restart neither skips nor repeats them; only a crash between handling and saving can repeat one
/// (at-least-once).
/// </summary>
internal sealed class TelegramPollingService(
    ITelegramBotClient client,
    CommandRouter router,
    ICommandCatalog catalog,
    TelegramOutbox outbox,
    AdminCheck admins,
    IAdapterStateStore state,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    public const string OffsetKey = "telegram:offset";

    /// <summary>The most Telegram returns per getUpdates.</summary>
    private const int BatchSize = 100;

    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    private readonly TelegramOptions _options = options.Value;
    private readonly SemaphoreSlim _persistLock = new(1, 1);
    private long _persisted = -1;
    private long _botId;

    /// <summary>The bot's identity once getMe has answered (tests wait for it).</summary>
    internal BotIdentity? Bot { get; private set; }

    public override void Dispose()
    {
        _persistLock.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Bot = await StartUpAsync(stoppingToken);
            _botId = Bot.Id;
            logger.LogInformation("Telegram adapter started as @{BotUserName}", Bot.UserName);
            await PollAsync(Bot, stoppingToken);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 401)
        {
            // Fatal: nothing will work with this token. Stop this adapter only; the host and other adapters go on.
            logger.LogCritical("Telegram rejected the bot token (401 Unauthorized); the Telegram adapter has stopped. Check Telegram:Token (from BotFather).");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A bug in the adapter must stop the adapter, not the whole host; it is logged as fatal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogCritical("The Telegram adapter stopped after an unexpected {ErrorType}: {Error}\n{StackTrace}", ex.GetType().Name, Redaction.Redact(ex.Message, _options.Token), ex.StackTrace);
        }
    }

    private async Task<BotIdentity> StartUpAsync(CancellationToken stoppingToken)
    {
        await WithRetriesAsync("deleteWebhook", async ct => { await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct); return true; }, stoppingToken);
        var me = await WithRetriesAsync("getMe", ct => client.GetMe(ct), stoppingToken);
        var identity = new BotIdentity(me.Id, me.Username ?? "");
        try
        {
            await client.SetMyCommands(MenuCommands(catalog), cancellationToken: stoppingToken);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode != 401)
        {
            // Typed commands work without the menu; not worth stopping for.
            logger.LogWarning("Telegram setMyCommands failed: {Error}", Redaction.Redact(ex.Message, _options.Token));
        }

        return identity;
    }

    /// <summary>The command menu: Telegram wants lower-case names (a-z, 0-9, _; at most 32) and descriptions of 1–256 characters.</summary>
    internal static IReadOnlyList<BotCommand> MenuCommands(ICommandCatalog catalog) =>
    [
        .. catalog.Commands
            .Select(c => (Name: c.Name.ToLowerInvariant(), Description: (string.IsNullOrWhiteSpace(c.Description) ? c.Usage : c.Description).Trim()))
            .Where(c => c.Name.Length is > 0 and <= 32 && c.Name.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            .DistinctBy(c => c.Name)
            .Select(c => new BotCommand { Command = c.Name, Description = c.Description.Length > 256 ? c.Description[..255] + "…" : c.Description }),
    ];

    private async Task PollAsync(BotIdentity bot, CancellationToken stoppingToken)
    {
        var tracker = new UpdateTracker(await LoadOffsetAsync(bot, stoppingToken));
        _persisted = tracker.Committed;
        using var partitioner = new ChatPartitioner<Update>(_options.MaxParallelUpdates, (update, ct) => HandleAsync(update, bot, tracker, ct), stoppingToken);
        var backoff = _options.ReceiveBackoff;
        try
        {
            while (true)
            {
                var version = tracker.Version;
                Update[] updates;
                try
                {
                    updates = await client.GetUpdates(
                        offset: checked((int)tracker.Committed),
                        limit: BatchSize,
                        timeout: (int)_options.PollTimeout.TotalSeconds,
                        allowedUpdates: Wanted,
                        cancellationToken: stoppingToken);
                    backoff = _options.ReceiveBackoff;
                }
                catch (Exception ex) when (IsReceiveError(ex, stoppingToken))
                {
                    logger.LogWarning("Telegram receive error (getUpdates): {Error}; retrying in {Backoff}", Describe(ex), backoff);
                    await Task.Delay(backoff, time, stoppingToken);
                    backoff = Next(backoff, _options.ReceiveBackoffMax);
                    continue;
                }

                var fresh = 0;
                foreach (var update in updates)
                {
                    if (tracker.TryStart(update.Id))
                    {
                        fresh++;
                        partitioner.Post(ChatOf(update), update);
                    }
                }

                if (fresh == 0 && updates.Length > 0)
                {
                    // Telegram returned only updates we are still handling: wait until one finishes.
                    await tracker.WaitForProgressAsync(version, stoppingToken);
                }
            }
        }
        finally
        {
            await partitioner.WhenIdleAsync();
        }
    }

    private async Task HandleAsync(Update update, BotIdentity bot, UpdateTracker tracker, CancellationToken stoppingToken)
    {
        try
        {
            switch (update)
            {
                case { Message: { } message }:
                    await HandleMessageAsync(message, bot, stoppingToken);
                    break;
                case { CallbackQuery: { } query }:
                    await HandleCallbackAsync(query, bot, stoppingToken);
                    break;
                default:
                    // Edited messages, channel posts and the rest: not for this bot.
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Not finished: the offset stays below this update, so the next start handles it again.
            return;
        }
#pragma warning disable CA1031 // One bad update must not stop the loop; it is logged and skipped (not retried for ever).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError("Telegram handling error for update {UpdateId}: {ErrorType}: {Error}\n{StackTrace}", update.Id, ex.GetType().Name, Redaction.Redact(ex.Message, _options.Token), ex.StackTrace);
        }

        tracker.Finish(update.Id);
        await PersistAsync(tracker.Committed, stoppingToken);
    }

    private async Task HandleMessageAsync(Message message, BotIdentity bot, CancellationToken cancellationToken)
    {
        // Other bots are ignored; an anonymous admin also arrives "from" a bot (GroupAnonymousBot) but as the group.
        if (message.Text is null || (message.From?.IsBot == true && !UpdateTranslator.IsAnonymousAdmin(message)))
        {
            return;
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
            return;
        }

        // In a group the answer quotes the person's message, so it is clear whom it is for (Telegram has no
        // replies visible to one member only, so private replies are answered there too).
        _ = TelegramChatSender.SendAllAsync(outbox, message.Chat.Id, TelegramRenderer.Render(reply), SendPriority.Reply, isGroup ? message.Id : null, cancellationToken);
    }

    private async Task HandleCallbackAsync(CallbackQuery query, BotIdentity bot, CancellationToken cancellationToken)
    {
        if (query.Message is not { } message || string.IsNullOrEmpty(query.Data))
        {
            await AnswerAsync(query, null, false, cancellationToken);
            return;
        }

        var isGroup = message.Chat.Type != ChatType.Private;
        var isAdmin = isGroup && await admins.IsAdminAsync(message.Chat.Id, query.From.Id, cancellationToken);
        var reply = await router.RouteAsync(UpdateTranslator.FromCallback(query, message, bot, isAdmin), cancellationToken);

        // A notice becomes the toast; the reply is also posted unless it is private (a repeated Done press is
        // only the presser's business, so it stays a toast). An error shows as an alert; anything else is posted.
        if (reply?.Notice is { } notice)
        {
            await AnswerAsync(query, notice, false, cancellationToken);
            if (!reply.IsPrivate)
            {
                _ = TelegramChatSender.SendAllAsync(outbox, message.Chat.Id, TelegramRenderer.Render(reply), SendPriority.Reply, null, cancellationToken);
            }
        }
        else if (reply is { Kind: ReplyKinds.Error })
        {
            await AnswerAsync(query, PlainTextRenderer.Render(reply), true, cancellationToken);
        }
        else
        {
            await AnswerAsync(query, null, false, cancellationToken);
            if (reply is not null)
            {
                _ = TelegramChatSender.SendAllAsync(outbox, message.Chat.Id, TelegramRenderer.Render(reply), SendPriority.Reply, null, cancellationToken);
            }
        }
    }

    private async Task AnswerAsync(CallbackQuery query, string? text, bool alert, CancellationToken cancellationToken)
    {
        try
        {
            await client.AnswerCallbackQuery(query.Id, Toast(text), alert, cancellationToken: cancellationToken);
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

    private static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? update.EditedMessage?.Chat.Id ?? 0;

    /// <summary>
    /// The saved offset, stored as <c>botId:offset</c>: update ids belong to one bot, so an offset saved by another
    /// bot (a new token over the same database) would hide this bot's updates and is ignored.
    /// </summary>
    private async Task<long> LoadOffsetAsync(BotIdentity bot, CancellationToken cancellationToken)
    {
        var stored = await state.GetAsync(OffsetKey, cancellationToken);
        var parts = stored?.Split(':');
        if (parts is [var botId, var value]
            && botId == bot.Id.ToString(CultureInfo.InvariantCulture)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return offset;
        }

        if (stored is not null)
        {
            logger.LogInformation("Ignoring the saved Telegram offset: it belongs to another bot");
        }

        return 0;
    }

    private async Task PersistAsync(long committed, CancellationToken cancellationToken)
    {
        await _persistLock.WaitAsync(CancellationToken.None);
        try
        {
            if (committed <= Interlocked.Read(ref _persisted))
            {
                return;
            }

            await state.SetAsync(OffsetKey, string.Create(CultureInfo.InvariantCulture, $"{_botId}:{committed}"), cancellationToken);
            Interlocked.Exchange(ref _persisted, committed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next handled update saves a later offset; at worst a restart repeats a few updates.
            logger.LogWarning("Could not save the Telegram update offset: {Error}", ex.Message);
        }
        finally
        {
            _persistLock.Release();
        }
    }

    private async Task<T> WithRetriesAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken stoppingToken)
    {
        var backoff = _options.ReceiveBackoff;
        while (true)
        {
            try
            {
                return await call(stoppingToken);
            }
            catch (Exception ex) when (IsReceiveError(ex, stoppingToken))
            {
                logger.LogWarning("Telegram receive error ({Method}): {Error}; retrying in {Backoff}", method, Describe(ex), backoff);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = Next(backoff, _options.ReceiveBackoffMax);
            }
        }
    }

    /// <summary>Worth waiting and trying again: network trouble, 5xx, 429, a 409 conflict with another poller. Not 401.</summary>
    private static bool IsReceiveError(Exception ex, CancellationToken stoppingToken) => ex switch
    {
        ApiRequestException api => api.ErrorCode != 401,
        RequestException or HttpRequestException or IOException => true,
        OperationCanceledException => !stoppingToken.IsCancellationRequested,
        _ => false,
    };

    private string Describe(Exception ex)
    {
        var text = new StringBuilder(ex is ApiRequestException api ? $"{api.ErrorCode} {api.Message}" : ex.Message);
        if (ex.InnerException is { } inner && !text.ToString().Contains(inner.Message, StringComparison.Ordinal))
        {
            text.Append(" (").Append(inner.Message).Append(')');
        }

        return Redaction.Redact(text.ToString(), _options.Token);
    }

    private static TimeSpan Next(TimeSpan backoff, TimeSpan max) => backoff * 2 > max ? max : backoff * 2;
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Operations;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Storage;
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
/// Receiving: deleteWebhook, getMe and setMyCommands at start (retried with backoff), then getUpdates in a loop,
/// the offset, and the drain at stop. Handling is <see cref="TelegramUpdateHandler"/>'s job; updates are handled in
/// parallel across chats and in order within a chat. An update is confirmed — the offset given to Telegram and kept
/// in the store moves past it — only once its replies have been sent or definitively failed, so a stop or a crash
/// never loses an answer (at-least-once; see docs/telegram.md).
/// </summary>
internal sealed class TelegramPollingService(
    ITelegramBotClient client,
    TelegramUpdateHandler handler,
    PressTimes presses,
    ICommandCatalog catalog,
    TelegramOutbox outbox,
    IAdapterStateStore state,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger,
    IPollerElection? election = null,
    ChatCoachMetrics? metrics = null,
    TelegramWebhookReceiver? webhook = null) : BackgroundService, IAdapterReadiness
{
    public const string OffsetKey = OffsetStore.Key;

    /// <summary>The most Telegram returns per getUpdates.</summary>
    private const int BatchSize = 100;

    /// <summary>What the bot handles; everything else (edited messages included: an edit is not a new question) is not requested.</summary>
    internal static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.ChannelPost];

    private readonly TelegramOptions _options = options.Value;
    private readonly OffsetStore _offsets = new(state, options.Value.ApiBaseUrl, logger);
    private readonly SemaphoreSlim _persistLock = new(1, 1);
    private readonly IPollerElection _election = election ?? new SoleInstanceElection();
    private CancellationTokenSource _handling = new();
    private readonly ConcurrentDictionary<long, Task> _deliveries = new();
    private long _persistedVersion = -1;
    private long _botId;
    private CancellationToken _hostStopToken;
    private bool _inConflict;
    private DateTimeOffset? _listenedAt;
    private volatile string _status = "starting";
    private volatile bool _receiving;
    private bool _receiveFailed;

    public string Platform => "telegram";

    /// <summary>Ready from the first answered getUpdates until one fails; ready again at the next answer. A standby
    /// (another instance polls) is ready too: it is healthy, just not polling.</summary>
    public bool IsReady => _receiving;

    /// <summary>True while this instance is the elected long poller (always, with one process).</summary>
    public bool IsPoller { get; private set; }

    /// <summary>Whether this instance sends Telegram's scheduled posts: alone, always; among several, only the poller.</summary>
    public bool OwnsScheduledPosts => IsPoller || _election is SoleInstanceElection;

    public string Status => _status;

    /// <summary>The bot's identity once getMe has answered (tests wait for it).</summary>
    internal BotIdentity? Bot { get; private set; }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout also bounds the drain (whichever of it and DrainTimeout ends first).
        _hostStopToken = cancellationToken;
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _persistLock.Dispose();
        _handling.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Bot = await StartUpAsync(stoppingToken);
            _botId = Bot.Id;
            logger.LogInformation("Telegram adapter started as @{BotUserName}", Bot.UserName);
            if (webhook is not null)
            {
                await ReceiveByWebhookAsync(webhook, Bot, stoppingToken);
                return;
            }

            while (true)
            {
                await WaitForLeadAsync(Bot, stoppingToken);
                await ReceiveAsync(Bot, stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                // The lead was lost (its database session ended): another instance polls now, or will.
                BecomePoller(false);
                logger.LogWarning("Telegram: this instance is no longer the long poller (its lock in the database was lost); standing by");
            }
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 401)
        {
            MarkReceiving(false, "stopped: the bot token was rejected (401)");
            // Fatal: nothing will work with this token. Stop this adapter (receiving and sending alike); the host and
            // other adapters go on.
            outbox.Halt("401 Unauthorized: the bot token was rejected");
            logger.LogCritical("Telegram rejected the bot token (401 Unauthorized); the Telegram adapter has stopped. Check Telegram:Token (from BotFather).");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A bug in the adapter must stop the adapter, not the whole host; it is logged as fatal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MarkReceiving(false, "stopped after an unexpected error");
            logger.LogCritical("The Telegram adapter stopped after an unexpected {ErrorType}: {Error}\n{StackTrace}", ex.GetType().Name, Redaction.Redact(ex.Message, _options.Token), ex.StackTrace);
        }
        finally
        {
            if (IsPoller)
            {
                BecomePoller(false);
            }

            await ResignAsync();
        }
    }

    /// <summary>Readiness, and a reconnect counted when getUpdates answers again after failing.</summary>
    private void MarkReceiving(bool receiving, string status)
    {
        if (receiving && _receiveFailed)
        {
            metrics?.GatewayReconnect(Platform);
        }

        _receiveFailed = !receiving;
        _receiving = receiving;
        _status = status;
    }

    /// <summary>
    /// Several instances (PostgreSQL): only the elected one calls getUpdates, so Telegram never answers 409 to a
    /// second long poll. A standby is ready (healthy, just not polling) and tries again every
    /// PollerElectionInterval; when the poller dies its database session ends, the lock goes with it and a standby
    /// takes over, reading the offset the poller last saved in the shared database. One process: always elected.
    /// </summary>
    private async Task WaitForLeadAsync(BotIdentity bot, CancellationToken stoppingToken)
    {
        var standingBy = false;
        while (!await TryLeadAsync(bot, stoppingToken))
        {
            if (!standingBy)
            {
                standingBy = true;
                MarkReceiving(true, "standby: another instance is the long poller");
                logger.LogInformation("Telegram: another instance is the long poller; this one stands by (trying every {Interval})", _options.PollerElectionInterval);
            }

            await Task.Delay(_options.PollerElectionInterval, time, stoppingToken);
        }

        BecomePoller(true);
        if (standingBy)
        {
            logger.LogWarning("Telegram: this instance is the long poller now (took over from a standby)");
        }
    }

    /// <summary>The election's answer; a database error counts as "not leading" (and is retried), never as leading.</summary>
    private async Task<bool> TryLeadAsync(BotIdentity bot, CancellationToken stoppingToken)
    {
        try
        {
            return await _election.TryLeadAsync(bot.Id, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Telegram: the poller election failed ({ErrorType}: {Error}); not polling until it answers", ex.GetType().Name, Redaction.Redact(ex.Message, _options.Token));
            await ResignAsync();
            return false;
        }
    }

    private void BecomePoller(bool poller)
    {
        if (IsPoller == poller)
        {
            return;
        }

        IsPoller = poller;
        outbox.SetElected(poller);
        metrics?.Polling(Platform, poller);
        if (poller)
        {
            logger.LogInformation("Telegram: this instance is the {Role} (is_poller=1)", webhook is null ? "long poller" : "elected sender of the scheduled posts");
        }
    }

    private async Task ResignAsync()
    {
        try
        {
            await _election.ResignAsync(_botId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Its session closing releases the lock anyway.
            logger.LogWarning("Telegram: could not give up the poller lock ({Error}); it goes with its database session", ex.Message);
        }
    }

    private async Task<BotIdentity> StartUpAsync(CancellationToken stoppingToken)
    {
        if (webhook is null)
        {
            // Telegram refuses getUpdates (409) while a webhook is set, say from an earlier run in webhook mode.
            await WithRetriesAsync("deleteWebhook", async ct => { await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct); return true; }, stoppingToken);
        }

        var me = await WithRetriesAsync("getMe", ct => client.GetMe(ct), stoppingToken);
        var identity = new BotIdentity(me.Id, me.Username ?? "");
        var commands = MenuCommands(catalog);
        foreach (var (scope, name) in new (BotCommandScope Scope, string Name)[]
        {
            (BotCommandScope.AllPrivateChats(), "all_private_chats"),
            (BotCommandScope.AllGroupChats(), "all_group_chats"),
            (BotCommandScope.AllChatAdministrators(), "all_chat_administrators"),
        })
        {
            var menu = MenuFor(commands, name);
            await StartUpCallAsync($"setMyCommands ({name})", ct => client.SetMyCommands(menu, scope, cancellationToken: ct), stoppingToken);

            // The same menu for people whose Telegram is in Chinese (language_code "zh" covers zh-hans, zh-hant…).
            foreach (var culture in CommandTexts.Localized)
            {
                var localized = MenuFor(MenuCommands(catalog, culture), name);
                var language = culture.TwoLetterISOLanguageName;
                await StartUpCallAsync($"setMyCommands ({name}, {language})", ct => client.SetMyCommands(localized, scope, languageCode: language, cancellationToken: ct), stoppingToken);
            }
        }

        await StartUpCallAsync("setMyDescription", ct => client.SetMyDescription(Description, cancellationToken: ct), stoppingToken);
        await StartUpCallAsync("setMyShortDescription", ct => client.SetMyShortDescription(ShortDescription, cancellationToken: ct), stoppingToken);
        foreach (var culture in CommandTexts.Localized)
        {
            var language = culture.TwoLetterISOLanguageName;
            if (CommandTexts.BotDescription(culture) is { } description)
            {
                await StartUpCallAsync($"setMyDescription ({language})", ct => client.SetMyDescription(description, languageCode: language, cancellationToken: ct), stoppingToken);
            }

            if (CommandTexts.BotShortDescription(culture) is { } shortDescription)
            {
                await StartUpCallAsync($"setMyShortDescription ({language})", ct => client.SetMyShortDescription(shortDescription, languageCode: language, cancellationToken: ct), stoppingToken);
            }
        }
        return identity;
    }

    /// <summary>What the bot's profile says before someone starts it (at most 512 characters).</summary>
    internal const string Description =
        "ChatCoach: short daily routines and answers for runners with sore knees. Ask in your own words, press Done after a routine to grow your streak, and subscribe a group or channel to a daily post. General information, not medical advice: see a professional for pain that is severe, sudden or lasting.";

    /// <summary>The line on the bot's profile and in shared links (at most 120 characters).</summary>
    internal const string ShortDescription = "Daily routines and answers for runners with sore knees. Not medical advice.";

    /// <summary>Commands only a chat's administrators may use in a group: not in the group members' menu.</summary>
    internal static readonly HashSet<string> AdminOnlyInGroups = new(StringComparer.Ordinal) { "subscribe", "unsubscribe" };

    /// <summary>
    /// The menu of one scope: private chats get every command, group members everything but the admin-only ones, group
    /// administrators everything (Telegram shows the narrowest scope that applies).
    /// </summary>
    internal static IReadOnlyList<BotCommand> MenuFor(IReadOnlyList<BotCommand> commands, string scope) =>
        scope == "all_group_chats" ? [.. commands.Where(c => !AdminOnlyInGroups.Contains(c.Command))] : commands;

    /// <summary>A start-up call retried like the others (network, 5xx, 409, 429); a 4xx refusal is logged and skipped: nothing here is worth staying deaf for.</summary>
    private Task<bool> StartUpCallAsync(string method, Func<CancellationToken, Task> call, CancellationToken stoppingToken) =>
        WithRetriesAsync(
            method,
            async ct =>
            {
                try
                {
                    await call(ct);
                }
                catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500 and not 401 and not 409 and not 429)
                {
                    logger.LogWarning("Telegram {Method} failed: {Error}", method, Redaction.Redact(ex.Message, _options.Token));
                }

                return true;
            },
            stoppingToken);

    /// <summary>The command menu: Telegram wants lower-case names (a-z, 0-9, _; at most 32) and descriptions of 1–256 characters.</summary>
    internal static IReadOnlyList<BotCommand> MenuCommands(ICommandCatalog catalog, CultureInfo? culture = null) =>
    [
        .. catalog.Commands
            .Select(c => (Name: c.Name.ToLowerInvariant(), Description: ((culture is null ? null : CommandTexts.Description(c.Name, culture))
                ?? (string.IsNullOrWhiteSpace(c.Description) ? c.Usage : c.Description)).Trim()))
            .Where(c => c.Name.Length is > 0 and <= 32 && c.Name.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            .DistinctBy(c => c.Name)
            .Select(c => new BotCommand { Command = c.Name, Description = c.Description.Length > 256 ? c.Description[..255] + "…" : c.Description }),
    ];

    /// <summary>
    /// Webhook mode: the listener first, then setWebhook (Telegram may post at once). Every instance takes updates;
    /// the election only decides which one sends the scheduled posts (the send budget is per token). At stop
    /// nothing is said to Telegram: another instance may still serve the webhook.
    /// </summary>
    private async Task ReceiveByWebhookAsync(TelegramWebhookReceiver receiver, BotIdentity bot, CancellationToken stoppingToken)
    {
        await receiver.StartAsync(bot, stoppingToken);
        try
        {
            try
            {
                await WithRetriesAsync(
                    "setWebhook",
                    async ct =>
                    {
                        await client.SetWebhook(
                            _options.WebhookUrl!,
                            maxConnections: _options.WebhookMaxConnections,
                            allowedUpdates: Wanted,
                            dropPendingUpdates: false,
                            secretToken: _options.WebhookSecret,
                            cancellationToken: ct);
                        return true;
                    },
                    stoppingToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 400)
            {
                // Not worth retrying: the URL (or another setting) is wrong until the operator changes it.
                MarkReceiving(false, "stopped: Telegram refused the webhook");
                logger.LogCritical("Telegram refused setWebhook ({Error}); receiving has stopped. Check Telegram:WebhookUrl (public https, port 443, 80, 88 or 8443).", Redaction.Redact(ex.Message, _options.Token));
                return;
            }

            MarkReceiving(true, "receiving by webhook");
            logger.LogInformation("Telegram: receiving by webhook at {Url}", Redaction.Redact(_options.WebhookUrl!, _options.Token));
            while (true)
            {
                BecomePoller(await TryLeadAsync(bot, stoppingToken));
                await Task.Delay(_options.PollerElectionInterval, time, stoppingToken);
            }
        }
        finally
        {
            await receiver.StopAsync(_hostStopToken);
        }
    }

    private async Task ReceiveAsync(BotIdentity bot, CancellationToken stoppingToken)
    {
        if (_handling.IsCancellationRequested)
        {
            // A new term as the poller after an earlier one ended: the earlier drain cancelled its handling.
            _handling.Dispose();
            _handling = new CancellationTokenSource();
        }

        // Read at the start of every term: with several instances, the previous poller saved it in the shared database.
        var tracker = new UpdateTracker(await _offsets.LoadAsync(bot.Id, stoppingToken));
        _listenedAt = await presses.LoadListenedAsync(stoppingToken);
        _persistedVersion = tracker.State.Version;
        using var partitioner = new ChatPartitioner<(Update Update, UpdateTracker Tracker, DateTimeOffset? Pressed)>(
            _options.MaxParallelUpdates,
            (item, ct) => HandleAsync(item.Update, bot, item.Tracker, item.Pressed, ct),
            _handling.Token);
        try
        {
            await PollAsync(partitioner, () => tracker, t => tracker = t, stoppingToken);
        }
        finally
        {
            await DrainAsync(partitioner, tracker);
        }
    }

    private async Task PollAsync(
        ChatPartitioner<(Update Update, UpdateTracker Tracker, DateTimeOffset? Pressed)> partitioner,
        Func<UpdateTracker> current,
        Action<UpdateTracker> replace,
        CancellationToken stoppingToken)
    {
        var backoff = _options.ReceiveBackoff;
        var leadCheckedAt = time.GetUtcNow();
        while (true)
        {
            if (time.GetUtcNow() - leadCheckedAt >= _options.PollerElectionInterval)
            {
                // Still the poller? (Its database session may have ended; then another instance may poll already.)
                leadCheckedAt = time.GetUtcNow();
                if (!await TryLeadAsync(new BotIdentity(_botId, ""), stoppingToken))
                {
                    return;
                }
            }

            var tracker = current();
            var version = tracker.Version;
            var offset = tracker.Committed;
            Update[] updates;
            Dictionary<long, DateTimeOffset> estimates;
            try
            {
                updates = await client.GetUpdates(
                    offset: checked((int)offset),
                    limit: BatchSize,
                    timeout: (int)_options.PollTimeout.TotalSeconds,
                    allowedUpdates: Wanted,
                    cancellationToken: stoppingToken);
                backoff = _options.ReceiveBackoff;
                var listenedBefore = _listenedAt;
                _listenedAt = time.GetUtcNow();
                await NoteListenedAsync(_listenedAt.Value, force: false);
                // A long poll lasts at most PollTimeout: a press in a batch is at most that (plus latency) older than the batch, unless the bot was not listening.
                estimates = PressEstimates(updates, listenedBefore, _listenedAt.Value, _options.PollTimeout + TimeSpan.FromSeconds(10));
                MarkReceiving(true, "receiving");
                if (_inConflict)
                {
                    _inConflict = false;
                    logger.LogWarning("Telegram getUpdates works again: the conflict (409) is over");
                }
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 401)
            {
                // Sending stops too before the drain, so that nothing waits for replies that can never go out.
                outbox.Halt("401 Unauthorized: the bot token was rejected");
                throw;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409)
            {
                MarkReceiving(false, "409 Conflict: another process polls with this token");
                if (!_inConflict)
                {
                    // Loud once per episode, not once per retry.
                    _inConflict = true;
                    logger.LogError(
                        "Telegram refused getUpdates with 409 Conflict ({Error}): another process is polling with this bot token (a second instance of the bot?), or a webhook was set for it. This bot receives nothing until that stops; retrying every {Backoff} or so.",
                        Redaction.Redact(ex.Message, _options.Token),
                        backoff);
                }

                await Task.Delay(backoff, time, stoppingToken);
                backoff = Next(backoff, _options.ReceiveBackoffMax);
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? (int)backoff.TotalSeconds));
                logger.LogWarning("Telegram asked getUpdates to slow down (429); waiting {RetryAfter}", wait);
                await Task.Delay(wait, time, stoppingToken);
                continue;
            }
            catch (Exception ex) when (IsReceiveError(ex, stoppingToken))
            {
                MarkReceiving(false, "getUpdates failing; retrying");
                logger.LogWarning("Telegram receive error (getUpdates): {Error}; retrying in {Backoff}", Describe(ex), backoff);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = Next(backoff, _options.ReceiveBackoffMax);
                continue;
            }

            if (updates.Length == 0)
            {
                continue;
            }

            if (updates[0].Id < offset)
            {
                // Telegram numbered its updates afresh (a week without updates, or another Bot API server): the old
                // offset would make the bot deaf. Finish what is in progress, then track from this batch.
                logger.LogWarning("Telegram update ids were renumbered (update {UpdateId} arrived below the offset {Offset}); finishing {InProgress} update(s) in progress and tracking afresh", updates[0].Id, offset, tracker.InProgress);
                await partitioner.WhenIdleAsync().WaitAsync(stoppingToken);
                await WhenDeliveredAsync().WaitAsync(stoppingToken);
                tracker = new UpdateTracker(updates[0].Id);
                replace(tracker);
                await PersistAsync(tracker, force: true, stoppingToken);
            }

            tracker.ForgetOwedBelow(updates[0].Id);
            var fresh = 0;
            foreach (var update in updates)
            {
                if (tracker.TryStart(update.Id))
                {
                    fresh++;
                    partitioner.Post(ChatOf(update), (update, tracker, estimates.TryGetValue(update.Id, out var pressed) ? pressed : null));
                }
            }

            if (fresh == 0)
            {
                // Telegram returned only updates we are still handling: wait until one finishes.
                await tracker.WaitForProgressAsync(version, stoppingToken);
            }
        }
    }

    /// <summary>
    /// When each button press in a batch was probably made (callback queries carry no date). Update ids follow the
    /// order in which things happened, so a press lies after the bot's last answer from getUpdates, after the message
    /// it is under and after every earlier message in the batch, and before every later message and the batch's
    /// arrival. Close bounds (the bot was listening): the later; a gap (an outage, a restart): the earliest, never
    /// more than the 24 hours Telegram keeps an update.
    /// </summary>
    internal static Dictionary<long, DateTimeOffset> PressEstimates(Update[] updates, DateTimeOffset? listenedBefore, DateTimeOffset receivedAt, TimeSpan listeningGap)
    {
        var estimates = new Dictionary<long, DateTimeOffset>();
        if (!updates.Any(u => u.CallbackQuery is not null))
        {
            return estimates;
        }

        var floor = receivedAt - TimeSpan.FromHours(24);
        var latest = new DateTimeOffset[updates.Length];
        var bound = receivedAt;
        for (var i = updates.Length - 1; i >= 0; i--)
        {
            latest[i] = bound;
            if ((updates[i].Message ?? updates[i].ChannelPost) is { } later && UpdateTranslator.SentAt(later) is { } sent && sent < bound)
            {
                bound = sent;
            }
        }

        var earliest = listenedBefore is { } heard && heard > floor ? heard : floor;
        for (var i = 0; i < updates.Length; i++)
        {
            if (updates[i].CallbackQuery is { } query)
            {
                var under = query.Message is { } message && UpdateTranslator.SentAt(message) is { } posted && posted > earliest ? posted : earliest;
                estimates[updates[i].Id] = PressTimes.Estimate(under, latest[i], listeningGap);
            }
            else if ((updates[i].Message ?? updates[i].ChannelPost) is { } earlier && UpdateTranslator.SentAt(earlier) is { } sent && sent > earliest && sent <= receivedAt)
            {
                earliest = sent;
            }
        }

        return estimates;
    }

    private async Task NoteListenedAsync(DateTimeOffset at, bool force)
    {
        try
        {
            await presses.NoteListenedAsync(at, force, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the estimate of presses after a crash gets coarser; receiving goes on.
            logger.LogWarning("Could not save when Telegram last answered: {Error}", ex.Message);
        }
    }

    private async Task HandleAsync(Update update, BotIdentity bot, UpdateTracker tracker, DateTimeOffset? pressed, CancellationToken handlingToken)
    {
        Task<bool> delivered;
        try
        {
            delivered = await handler.HandleUpdateAsync(update, bot, handlingToken, pressed);
        }
        catch (OperationCanceledException) when (handlingToken.IsCancellationRequested)
        {
            // Not finished: the offset stays below this update, so the next start handles it again.
            return;
        }

        var finishing = FinishWhenDeliveredAsync(update.Id, delivered, tracker);
        _deliveries[update.Id] = finishing;
        _ = finishing.ContinueWith(_ => _deliveries.TryRemove(update.Id, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task FinishWhenDeliveredAsync(long updateId, Task<bool> delivered, UpdateTracker tracker)
    {
        if (!await delivered)
        {
            // The outbox stopped before the replies went out: leave the update unconfirmed, answered after a restart.
            return;
        }

        tracker.Finish(updateId);
        await PersistAsync(tracker, force: false, CancellationToken.None);
    }

    private Task WhenDeliveredAsync() => Task.WhenAll(_deliveries.Values.ToList());

    /// <summary>
    /// At stop: receiving has ended; updates already taken in are handled and their replies sent, for at most
    /// DrainTimeout (and the host's shutdown timeout); then the position is saved. What did not finish stays
    /// unconfirmed and is answered after the restart.
    /// </summary>
    private async Task DrainAsync(ChatPartitioner<(Update Update, UpdateTracker Tracker, DateTimeOffset? Pressed)> partitioner, UpdateTracker tracker)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_hostStopToken);
        bound.CancelAfter(_options.DrainTimeout);
        try
        {
            await partitioner.WhenIdleAsync().WaitAsync(bound.Token);
            await WhenDeliveredAsync().WaitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Telegram: {Count} update(s) not finished within the drain time; they will be answered after the restart", tracker.InProgress);
        }

        await _handling.CancelAsync();
        await PersistAsync(tracker, force: false, CancellationToken.None);
        if (_listenedAt is { } listened)
        {
            await NoteListenedAsync(listened, force: true);
        }
    }

    internal static long ChatOf(Update update) =>
        update.Message?.Chat.Id ?? update.ChannelPost?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? update.MyChatMember?.Chat.Id ?? 0;

    private async Task PersistAsync(UpdateTracker tracker, bool force, CancellationToken cancellationToken)
    {
        await _persistLock.WaitAsync(CancellationToken.None);
        try
        {
            // Read inside the lock: whoever saves last saves the newest picture.
            var (version, position) = tracker.State;
            if (!force && version <= Interlocked.Read(ref _persistedVersion))
            {
                return;
            }

            await _offsets.SaveAsync(_botId, position, cancellationToken);
            Interlocked.Exchange(ref _persistedVersion, version);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next finished update saves a later position; at worst a restart repeats a few answers.
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
                MarkReceiving(false, "getUpdates failing; retrying");
                var wait = ex is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } retryAfter } ? TimeSpan.FromSeconds(Math.Max(1, retryAfter)) : backoff;
                logger.LogWarning("Telegram receive error ({Method}): {Error}; retrying in {Backoff}", method, Describe(ex), wait);
                await Task.Delay(wait, time, stoppingToken);
                backoff = Next(backoff, _options.ReceiveBackoffMax);
            }
        }
    }

    /// <summary>
    /// Worth waiting and trying again: network trouble, timeouts, 5xx, 429, 409 — and anything unexpected (a bug in a
    /// library, a malformed answer): receiving restarts with backoff rather than going deaf. Not 401, not a stop.
    /// </summary>
    private static bool IsReceiveError(Exception ex, CancellationToken stoppingToken) => ex switch
    {
        ApiRequestException api => api.ErrorCode != 401,
        OperationCanceledException => !stoppingToken.IsCancellationRequested,
        _ => true,
    };

    private string Describe(Exception ex)
    {
        var text = new StringBuilder(ex is ApiRequestException api ? $"{api.ErrorCode} {api.Message}" : $"{ex.GetType().Name}: {ex.Message}");
        if (ex.InnerException is { } inner && !text.ToString().Contains(inner.Message, StringComparison.Ordinal))
        {
            text.Append(" (").Append(inner.Message).Append(')');
        }

        return Redaction.Redact(text.ToString(), _options.Token);
    }

    private static TimeSpan Next(TimeSpan backoff, TimeSpan max) => backoff * 2 > max ? max : backoff * 2;
}

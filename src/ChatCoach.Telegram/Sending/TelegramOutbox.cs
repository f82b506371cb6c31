using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Telegram.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatCoach.Telegram.Sending;

/// <summary>Replies to people go ahead of scheduled posts.</summary>
internal enum SendPriority
{
    Reply,
    Scheduled,
}

/// <summary>What the dispatcher is doing, for diagnostics and for tests that drive a fake clock.</summary>
/// <param name="Pending">Messages accepted and not yet finished.</param>
/// <param name="InFlight">Requests on the wire.</param>
/// <param name="WakeAt">When the dispatcher will look again if nothing happens before; null while it is busy or waits for work.</param>
internal sealed record OutboxSnapshot(int Pending, int InFlight, DateTimeOffset? WakeAt);

/// <summary>
/// The one outbound queue of the bot. One lane per chat keeps a chat's messages in order; a dispatcher hands out
/// send slots within Telegram's limits (messages per second overall, spacing per chat, messages per minute per
/// group), all measured with the injected <see cref="TimeProvider"/>. Every window counts a send from when its answer
/// arrives, not from when it was granted: a request that has been answered has certainly reached Telegram by then, and
/// one still on the wire holds its slot until answered, so a slow request and a fast later one can never land in the
/// same window at Telegram. A 429 pauses all sending for its retry_after;
/// 5xx and network errors are retried with backoff; a blocked or missing chat fails at once as permanent.
/// </summary>
internal sealed class TelegramOutbox : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Lane> _lanes = [];

    // Groups that became supergroups (old id → new id): later messages go straight to the new id.
    private readonly Dictionary<long, long> _moved = [];
    private readonly Queue<(Lane Lane, int Version)> _readyReplies = new();
    private readonly Queue<(Lane Lane, int Version)> _readyScheduled = new();
    private readonly PriorityQueue<(Lane Lane, int Version), DateTimeOffset> _sleeping = new();
    private readonly ChatCoachMetrics? _metrics;
    private readonly ITelegramBotClient _client;
    private readonly TelegramOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramOutbox> _logger;
    private readonly TimeSpan _perChatSpacing;
    private readonly TimeSpan _groupWindow;
    private readonly TimeSpan _globalWindow;

    // This instance's share of the token's messages per second (all of it unless Telegram:ReplyShare splits it), and
    // the even spacing within the window that follows from it; changed under the gate when the election changes.
    private int _messagesPerSecond;
    private TimeSpan _globalSpacing;
    private TimeSpan _catchUp;
    // When each answered send leaves the global window (answer + window); sends in flight hold a slot in _inFlight.
    private readonly Queue<DateTimeOffset> _slotExpiries = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _nextGlobal = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset? _wakeAt;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private int _inFlight;
    private int _pending;
    private bool _stopped;
    private string? _halted;

    /// <summary>Told when Telegram says a group became a supergroup (old id, new id), so its data can move too.</summary>
    internal Func<long, long, Task>? ChatMigrated { get; set; }

    /// <summary>What a message gets when the outbox stops before sending it: not a verdict on the message or the chat.</summary>
    internal static SendOutcome Stopping { get; } = SendOutcome.Temporary("the Telegram adapter is stopping");

    /// <summary>True when the outcome only says that the outbox stopped first (the message may be sent after a restart).</summary>
    internal static bool IsStopping(SendOutcome outcome) => ReferenceEquals(outcome, Stopping);

    public TelegramOutbox(ITelegramBotClient client, IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramOutbox> logger, ChatCoachMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _client = client;
        _options = options.Value;
        _time = time;
        _logger = logger;

        // The margin only covers clock resolution and how Telegram rounds its windows: latency is already taken
        // care of by counting every slot from the answer.
        _globalWindow = TimeSpan.FromSeconds(1) + _options.RateSafetyMargin;
        _perChatSpacing = _options.PerChatInterval + _options.RateSafetyMargin;
        _groupWindow = TimeSpan.FromMinutes(1) + _options.RateSafetyMargin;

        // With a reply share, an instance paces as a standby until the election says it sends the scheduled posts.
        SetRate(_options.StandbyMessagesPerSecond);
    }

    /// <summary>This instance's messages per second right now (tests and diagnostics).</summary>
    internal int MessagesPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _messagesPerSecond;
            }
        }
    }

    /// <summary>
    /// Told by the election whether this instance sends the scheduled posts; with Telegram:ReplyShare that decides its
    /// share of the token's limit. Sends already counted in the window keep counting against the new rate.
    /// </summary>
    internal void SetElected(bool elected)
    {
        lock (_gate)
        {
            SetRate(elected ? _options.ElectedMessagesPerSecond : _options.StandbyMessagesPerSecond);
            Signal();
        }
    }

    private void SetRate(int messagesPerSecond)
    {
        // The window is the limit; even spacing within it spreads the N sends over the window instead of sending them
        // as one burst, so a reply queued behind posts waits at most one spacing.
        _messagesPerSecond = messagesPerSecond;
        _globalSpacing = _globalWindow / messagesPerSecond;
        _catchUp = _globalSpacing / 2;
    }

    /// <summary>Queues one message; completes when it was sent or given up. Never throws for a platform error.</summary>
    public Task<SendOutcome> EnqueueAsync(long chatId, TelegramMessage message, SendPriority priority, int? replyToMessageId, CancellationToken cancellationToken, int? threadId = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var requested = chatId;
        var job = new Job(message, replyToMessageId)
        {
            Priority = priority,
            ThreadId = threadId,
            // Telegram group and channel ids are negative: a daily post there need not ring every member's phone.
            Silent = priority == SendPriority.Scheduled && chatId < 0 && _options.SilentGroupPosts,
        };
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the job is visible to the dispatcher, so Finish always sees the registration.
            job.Registration = cancellationToken.Register(() => job.Completion.TrySetCanceled(cancellationToken));
        }

        lock (_gate)
        {
            if (_halted is { } reason)
            {
                return Task.FromResult(SendOutcome.Temporary(reason));
            }

            if (_stopped)
            {
                return Task.FromResult(Stopping);
            }

            // A few hops at most (a group is upgraded once); the bound only guards against a cycle.
            for (var hops = 0; hops < 4 && _moved.TryGetValue(chatId, out var movedTo); hops++)
            {
                chatId = movedTo;
            }

            if (!_lanes.TryGetValue(chatId, out var lane))
            {
                lane = new Lane(chatId);
                _lanes[chatId] = lane;
            }

            (priority == SendPriority.Reply ? lane.Replies : lane.Scheduled).Enqueue(job);
            _pending++;
            if (!lane.InFlight && (!lane.Placed || (priority == SendPriority.Reply && !lane.PlacedAsReply)))
            {
                Place(lane, _time.GetUtcNow());
            }

            Signal();
        }

        return chatId == requested ? job.Completion.Task : WithMove(job.Completion.Task, chatId);
    }

    /// <summary>A message sent to a chat's new address says so, so that the scheduler moves the subscription.</summary>
    private static async Task<SendOutcome> WithMove(Task<SendOutcome> sending, long movedTo)
    {
        var outcome = await sending;
        return outcome.Status == SendStatus.Sent
            ? outcome with { MovedTo = new ChatAddress(TelegramChatSender.PlatformName, movedTo.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            : outcome;
    }

    /// <summary>
    /// Makes the dispatcher look at the clock again. A clock moved between the dispatcher reading it and arming its
    /// timer (a fake clock in tests) would otherwise leave the timer later than <see cref="OutboxSnapshot.WakeAt"/>.
    /// </summary>
    internal void Wake()
    {
        lock (_gate)
        {
            Signal();
        }
    }

    public OutboxSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new OutboxSnapshot(_pending, _inFlight, _wakeAt);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await DispatchAsync(stoppingToken);
        }
        finally
        {
            FailEverything(Stopping);
        }
    }

    /// <summary>
    /// Stops sending for good (a 401: the token was revoked, so no retry can succeed): everything queued and queued
    /// later fails at once as temporary, so the scheduler keeps the subscriptions for when the bot runs again.
    /// </summary>
    public void Halt(string reason)
    {
        lock (_gate)
        {
            _halted ??= reason;
        }

        FailEverything(SendOutcome.Temporary(reason));
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            Task wait;
            CancellationTokenSource? timer = null;
            Lane? lane = null;
            Job? job = null;
            lock (_gate)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _wakeAt = null;
                var now = _time.GetUtcNow();
                PromoteSleeping(now);
                SweepIdleLanes(now);
                while (_slotExpiries.TryPeek(out var expiry) && expiry <= now)
                {
                    _slotExpiries.Dequeue();
                }

                DateTimeOffset? wakeAt = null;

                // With N requests on the wire only an answer (which signals) can free a slot; otherwise at least one
                // slot is answered and counting down.
                if (_inFlight < _options.MaxConcurrentSends && _inFlight < _messagesPerSecond)
                {
                    var gate = _nextGlobal > _pausedUntil ? _nextGlobal : _pausedUntil;
                    if (_inFlight + _slotExpiries.Count >= _messagesPerSecond)
                    {
                        // The hard rule under the pacing: never more than N sends in flight or answered within the window.
                        var windowFree = _slotExpiries.Peek();
                        gate = windowFree > gate ? windowFree : gate;
                    }

                    if (gate > now && HasReady())
                    {
                        wakeAt = gate;
                    }
                    else if (TryTakeReady(out lane, out job))
                    {
                        lane.InFlight = true;
                        _inFlight++;
                        // Pace from the ideal slot, not from a timer that fired late, so lateness does not add up
                        // (26 instead of 29 msg/s measured). Later than half a spacing (idle, or held by the window
                        // above, which is what keeps Telegram within its limit) the pace starts again from now.
                        _nextGlobal = (_nextGlobal >= now - _catchUp && _nextGlobal <= now ? _nextGlobal : now) + _globalSpacing;
                    }
                    else if (_sleeping.TryPeek(out _, out var readyAt))
                    {
                        wakeAt = readyAt;
                    }
                }

                if (job is not null)
                {
                    wait = Task.CompletedTask;
                }
                else if (wakeAt is { } due)
                {
                    // The timer is created inside the lock, so whoever reads WakeAt knows the timer exists.
                    // WhenAny rather than WaitAsync(timeout): no TimeoutException for every paced send.
                    timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    wait = Task.WhenAny(_signal.Task, Task.Delay(due - now, _time, timer.Token));
                    _wakeAt = due;
                }
                else
                {
                    wait = _signal.Task.WaitAsync(stoppingToken);
                }
            }

            if (job is not null)
            {
                _ = SendAsync(lane!, job, stoppingToken);
                continue;
            }

            if (timer is null)
            {
                await wait;
                continue;
            }

            await wait;
            await timer.CancelAsync();
            timer.Dispose();
            stoppingToken.ThrowIfCancellationRequested();
        }
    }

    private async Task SendAsync(Lane lane, Job job, CancellationToken stoppingToken)
    {
        Result result;
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            var keyboard = job.Message.Buttons.Count == 0
                ? null
                : new InlineKeyboardMarkup(job.Message.Buttons.Select(b => new[] { InlineKeyboardButton.WithCallbackData(b.Label, b.Action) }));
            if (job.Message.Attachment is { Kind: AttachmentKind.Photo } photo)
            {
                // A fresh stream per attempt, as for documents; the HTML is the caption, the buttons go under the photo.
                using var content = new MemoryStream(photo.Content.ToArray(), writable: false);
                await _client.SendPhoto(
                    lane.ChatId,
                    InputFile.FromStream(content, photo.FileName),
                    caption: job.Message.Html.Length > 0 ? job.Message.Html : null,
                    parseMode: ParseMode.Html,
                    replyParameters: job.ReplyTo is { } photoReplyTo ? new ReplyParameters { MessageId = photoReplyTo, AllowSendingWithoutReply = true } : null,
                    replyMarkup: keyboard,
                    messageThreadId: job.ThreadId,
                    disableNotification: job.Silent,
                    cancellationToken: call.Token);
            }
            else if (job.Message.Attachment is { } document)
            {
                // A fresh stream per attempt: a retried upload sends every byte again.
                using var content = new MemoryStream(document.Content.ToArray(), writable: false);
                await _client.SendDocument(
                    lane.ChatId,
                    InputFile.FromStream(content, document.FileName),
                    replyParameters: job.ReplyTo is { } documentReplyTo ? new ReplyParameters { MessageId = documentReplyTo, AllowSendingWithoutReply = true } : null,
                    messageThreadId: job.ThreadId,
                    disableNotification: job.Silent,
                    cancellationToken: call.Token);
            }
            else
            {
                await _client.SendMessage(
                    lane.ChatId,
                    job.Message.Html,
                    ParseMode.Html,
                    replyParameters: job.ReplyTo is { } replyTo ? new ReplyParameters { MessageId = replyTo, AllowSendingWithoutReply = true } : null,
                    replyMarkup: keyboard,
                    linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                    disableNotification: job.Silent,
                    messageThreadId: job.ThreadId,
                    cancellationToken: call.Token);
            }

            result = Result.Done(SendOutcome.Sent);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 401)
        {
            Halt("401 Unauthorized: the bot token was rejected");
            result = Result.Done(SendOutcome.Temporary("401 Unauthorized: the bot token was rejected"));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Parameters?.MigrateToChatId is { } movedTo && movedTo != lane.ChatId)
        {
            result = Result.Migrated(movedTo);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && job.ReplyTo is not null && ex.Message.Contains("message to be replied not found", StringComparison.OrdinalIgnoreCase))
        {
            // The quoted message was deleted. allow_sending_without_reply covers that in a chat, but Telegram ignores
            // it in a forum topic: send it again without the quote (the topic stays).
            job.ReplyTo = null;
            result = Result.Resend();
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            result = Result.RateLimited(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403 || (ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)))
        {
            result = Result.Done(SendOutcome.Permanent($"{ex.ErrorCode} {Redaction.Redact(ex.Message, _options.Token)}"));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
        {
            result = Result.Transient($"{ex.ErrorCode} {Redaction.Redact(ex.Message, _options.Token)}");
        }
        catch (ApiRequestException ex)
        {
            // Another 4xx: this message is wrong (or the token is), not the chat; retrying would fail the same way.
            result = Result.Done(SendOutcome.Temporary($"{ex.ErrorCode} {Redaction.Redact(ex.Message, _options.Token)}"));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            result = Result.Done(Stopping);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            result = Result.Transient($"no answer within {_options.CallTimeout}");
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or OperationCanceledException or IOException)
        {
            result = Result.Transient($"network: {Redaction.Redact(ex.Message, _options.Token)}");
        }

        Complete(lane, job, result);
    }

    private void CountSend(Result result)
    {
        if (_metrics is null)
        {
            return;
        }

        if (result.RetryAfter is not null)
        {
            _metrics.RateLimited("telegram");
        }

        _metrics.Send("telegram", result switch
        {
            { RetryAfter: not null } => "rate_limited",
            { MovedTo: not null } => "moved",
            { TransientReason: not null } => "temporary",
            { Outcome.Status: SendStatus.Sent } => "sent",
            { Outcome.Status: SendStatus.PermanentFailure } => "permanent",
            _ => "temporary",
        });
    }

    private void Complete(Lane lane, Job job, Result result)
    {
        CountSend(result);
        SendOutcome? finished = null;
        List<Job>? migrated = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            lane.InFlight = false;
            _inFlight--;

            // Counted from the answer, whatever it was (Telegram may have counted a 429 or a 5xx too): the request
            // reached Telegram no later than now, so each of our windows ends no earlier than the same window at Telegram.
            _slotExpiries.Enqueue(now + _globalWindow);
            if (lane.IsGroup)
            {
                lane.GroupSends.Enqueue(now);
            }

            var next = now + _perChatSpacing;
            if (result.MovedTo is { } movedTo)
            {
                // Resent once, at the new id, through that chat's lane and limits; the rest of this lane follows it.
                _moved[lane.ChatId] = movedTo;
                migrated = [job, .. lane.DrainAll()];
                _pending -= migrated.Count;
            }
            else if (result.RetryAfter is { } retryAfter)
            {
                job.RateLimitRetries++;
                if (job.RateLimitRetries > _options.MaxRateLimitRetries)
                {
                    finished = SendOutcome.Temporary($"still rate limited after {job.RateLimitRetries - 1} waits");
                }
                else
                {
                    // A 429 means the bot as a whole is over a limit: everything waits, not just this chat.
                    var until = now + retryAfter;
                    _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
                    next = until > next ? until : next;
                    lane.Requeue(job);
                    _logger.LogInformation("Telegram asked to slow down (429); pausing sends for {RetryAfter}", retryAfter);
                }
            }
            else if (result.Again)
            {
                _logger.LogInformation("The message quoted in Telegram chat {ChatId} was deleted; sending the reply without the quote", lane.ChatId);
                lane.Requeue(job);
            }
            else if (result.TransientReason is { } reason)
            {
                job.Attempts++;
                if (job.Attempts > _options.SendRetries)
                {
                    finished = SendOutcome.Temporary(reason);
                }
                else
                {
                    var backoff = Backoff(job.Attempts);
                    next = now + backoff > next ? now + backoff : next;
                    lane.Requeue(job);
                    _logger.LogWarning("Sending to Telegram chat {ChatId} failed ({Reason}); retry {Attempt} of {Retries} in {Backoff}", lane.ChatId, reason, job.Attempts, _options.SendRetries, backoff);
                }
            }
            else
            {
                finished = result.Outcome;
            }

            lane.ReadyAt = next;
            if (finished is not null)
            {
                _pending--;
                if (finished.Status == SendStatus.PermanentFailure)
                {
                    // Everything else queued for that chat would fail the same way.
                    foreach (var other in lane.DrainAll())
                    {
                        _pending--;
                        other.Finish(finished);
                    }
                }
            }

            Place(lane, now);
            Signal();
        }

        if (migrated is not null)
        {
            Migrate(lane.ChatId, result.MovedTo!.Value, migrated);
            return;
        }

        if (finished is not null)
        {
            switch (finished.Status)
            {
                case SendStatus.PermanentFailure:
                    _logger.LogWarning("Telegram chat {ChatId} can no longer be posted to: {Reason}", lane.ChatId, finished.Reason);
                    break;
                case SendStatus.TemporaryFailure:
                    _logger.LogWarning("A message to Telegram chat {ChatId} was not sent: {Reason}", lane.ChatId, finished.Reason);
                    break;
            }

            job.Finish(finished);
        }
    }

    private void Migrate(long from, long to, List<Job> jobs)
    {
        _logger.LogInformation("Telegram group {From} became supergroup {To}; sending there", from, to);
        foreach (var job in jobs)
        {
            // Enqueued at the old id: the map sends it to the new one and marks the outcome as moved.
            var resent = EnqueueAsync(from, job.Message, job.Priority, null, CancellationToken.None, job.ThreadId);
            _ = resent.ContinueWith(t => job.Finish(t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (ChatMigrated is { } migrated)
        {
            _ = NotifyMigratedAsync(migrated, from, to);
        }
    }

    private async Task NotifyMigratedAsync(Func<long, long, Task> migrated, long from, long to)
    {
        try
        {
            await migrated(from, to);
        }
#pragma warning disable CA1031 // The message was delivered; a failed data move is logged, and the service messages repeat it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning("Could not move Telegram chat {From} to {To}: {Error}", from, to, ex.Message);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var backoff = _options.SendBackoff * Math.Pow(2, Math.Min(attempt - 1, 20));
        return backoff > _options.SendBackoffMax ? _options.SendBackoffMax : backoff;
    }

    private void Place(Lane lane, DateTimeOffset now)
    {
        lane.DropCancelled(ref _pending);
        lane.Version++;
        lane.Placed = false;
        if (lane.InFlight || lane.Count == 0)
        {
            return;
        }

        var readyAt = lane.ReadyAt;
        if (lane.IsGroup)
        {
            while (lane.GroupSends.TryPeek(out var sent) && sent + _groupWindow <= now)
            {
                lane.GroupSends.Dequeue();
            }

            if (lane.GroupSends.Count >= _options.GroupMessagesPerMinute)
            {
                var free = lane.GroupSends.Peek() + _groupWindow;
                readyAt = free > readyAt ? free : readyAt;
            }
        }

        lane.Placed = true;
        lane.PlacedAsReply = lane.Replies.Count > 0;
        if (readyAt <= now)
        {
            (lane.PlacedAsReply ? _readyReplies : _readyScheduled).Enqueue((lane, lane.Version));
        }
        else
        {
            _sleeping.Enqueue((lane, lane.Version), readyAt);
        }
    }

    /// <summary>Forgets chats with nothing queued whose rate history has expired, so the map does not grow for ever.</summary>
    private void SweepIdleLanes(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + _groupWindow;
        foreach (var lane in _lanes.Values.ToList())
        {
            var groupHistoryExpired = lane.GroupSends.Count == 0 || lane.GroupSends.Last() + _groupWindow <= now;
            if (lane.Count == 0 && !lane.InFlight && lane.ReadyAt <= now && groupHistoryExpired)
            {
                lane.Version++;
                _lanes.Remove(lane.ChatId);
            }
        }
    }

    private void PromoteSleeping(DateTimeOffset now)
    {
        while (_sleeping.TryPeek(out var entry, out var readyAt) && readyAt <= now)
        {
            _sleeping.Dequeue();
            if (entry.Version == entry.Lane.Version)
            {
                Place(entry.Lane, now);
            }
        }
    }

    private bool HasReady()
    {
        Prune(_readyReplies);
        Prune(_readyScheduled);
        return _readyReplies.Count > 0 || _readyScheduled.Count > 0;
    }

    private static void Prune(Queue<(Lane Lane, int Version)> queue)
    {
        while (queue.TryPeek(out var entry) && (entry.Version != entry.Lane.Version || entry.Lane.Count == 0))
        {
            queue.Dequeue();
        }
    }

    private bool TryTakeReady(out Lane lane, out Job job)
    {
        foreach (var queue in new[] { _readyReplies, _readyScheduled })
        {
            while (queue.TryDequeue(out var entry))
            {
                if (entry.Version != entry.Lane.Version)
                {
                    continue;
                }

                entry.Lane.DropCancelled(ref _pending);
                if (entry.Lane.TryTake(out var taken))
                {
                    entry.Lane.Version++;
                    entry.Lane.Placed = false;
                    lane = entry.Lane;
                    job = taken;
                    return true;
                }
            }
        }

        lane = null!;
        job = null!;
        return false;
    }

    private void Signal() => _signal.TrySetResult();

    private void FailEverything(SendOutcome outcome)
    {
        List<Job> jobs;
        lock (_gate)
        {
            _stopped = true;
            jobs = [.. _lanes.Values.SelectMany(l => l.DrainAll())];
            _pending -= jobs.Count;
        }

        foreach (var job in jobs)
        {
            job.Finish(outcome);
        }
    }

    private sealed class Lane(long chatId)
    {
        public long ChatId { get; } = chatId;

        /// <summary>Telegram group and supergroup ids are negative; people's chats are positive.</summary>
        public bool IsGroup => ChatId < 0;

        public Queue<Job> Replies { get; } = new();

        public Queue<Job> Scheduled { get; } = new();

        public Queue<DateTimeOffset> GroupSends { get; } = new();

        /// <summary>Jobs put back at the head after a failed try.</summary>
        public Stack<Job> Retries { get; } = new();

        public bool InFlight { get; set; }

        public DateTimeOffset ReadyAt { get; set; } = DateTimeOffset.MinValue;

        public int Version { get; set; }

        public bool Placed { get; set; }

        public bool PlacedAsReply { get; set; }

        public int Count => Retries.Count + Replies.Count + Scheduled.Count;

        public void Requeue(Job job) => Retries.Push(job);

        public bool TryTake(out Job job) =>
            Retries.TryPop(out job!) || Replies.TryDequeue(out job!) || Scheduled.TryDequeue(out job!);

        public void DropCancelled(ref int pending)
        {
            foreach (var queue in new[] { Replies, Scheduled })
            {
                var count = queue.Count;
                for (var i = 0; i < count; i++)
                {
                    var job = queue.Dequeue();
                    if (job.Completion.Task.IsCompleted)
                    {
                        pending--;
                        job.Registration.Dispose();
                    }
                    else
                    {
                        queue.Enqueue(job);
                    }
                }
            }
        }

        public List<Job> DrainAll()
        {
            List<Job> all = [.. Retries, .. Replies, .. Scheduled];
            Retries.Clear();
            Replies.Clear();
            Scheduled.Clear();
            return all;
        }
    }

    private sealed class Job(TelegramMessage message, int? replyTo)
    {
        public TelegramMessage Message { get; } = message;

        /// <summary>The message quoted; cleared when Telegram says it is gone, so the resend goes without the quote.</summary>
        public int? ReplyTo { get; set; } = replyTo;

        public bool Silent { get; init; }

        public SendPriority Priority { get; init; }

        /// <summary>The forum topic (message_thread_id) the message belongs in; null outside forum topics.</summary>
        public int? ThreadId { get; init; }

        public TaskCompletionSource<SendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public int Attempts { get; set; }

        public int RateLimitRetries { get; set; }

        public void Finish(SendOutcome outcome)
        {
            Registration.Dispose();
            Completion.TrySetResult(outcome);
        }
    }

    private sealed record Result(SendOutcome? Outcome, TimeSpan? RetryAfter, string? TransientReason, long? MovedTo = null)
    {
        public static Result Migrated(long movedTo) => new(null, null, null, movedTo);

        public static Result Done(SendOutcome outcome) => new(outcome, null, null);

        public static Result RateLimited(TimeSpan retryAfter) => new(null, retryAfter, null);

        public static Result Transient(string reason) => new(null, null, reason);

        /// <summary>Sent again at once, changed (without its quote).</summary>
        public static Result Resend() => new(null, null, null) { Again = true };

        public bool Again { get; init; }
    }
}

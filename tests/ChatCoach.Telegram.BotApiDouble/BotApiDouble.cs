using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Telegram.BotApi;

/// <summary>One request the double answered.</summary>
public sealed record RecordedCall(string Method, DateTimeOffset At, JsonObject Body, int Status, string? Description)
{
    public long ChatId => Body["chat_id"] is { } id ? BotApiDouble.AsLong(id) : 0;

    public string Text => Body["text"]?.ToString() ?? "";

    public bool Ok => Status == 200;
}

/// <summary>A file the bot uploaded with sendDocument.</summary>
public sealed record UploadedDocument(long ChatId, string FileName, string ContentType, byte[] Content);

/// <summary>A picture the bot uploaded with sendPhoto: its bytes, the size read from the image, caption and buttons.</summary>
public sealed record UploadedPhoto(long ChatId, string FileName, byte[] Content, int Width, int Height, string? Caption, string? ParseMode, JsonNode? ReplyMarkup);

/// <summary>What the double should do instead of answering normally.</summary>
public enum Fault
{
    TooManyRequests,
    Forbidden,
    ServerError,
    Unauthorized,
    DropConnection,

    /// <summary>409, as when another process polls with the same token (or a webhook is set).</summary>
    Conflict,

    /// <summary>200 with a body that is not JSON (a broken proxy): an unexpected error in the client.</summary>
    Garbage,
}

/// <summary>
/// A Telegram Bot API double on 127.0.0.1: serves <c>/bot{token}/{method}</c> with JSON or form bodies, answers
/// in Telegram's envelope, long-polls getUpdates from a queue the test fills, checks message text the way
/// Telegram does (HTML subset, 4,096 characters, callback data of at most 64 bytes), and can be told to fail.
/// Every call is recorded with the time of the given <see cref="TimeProvider"/> (a fake clock in tests); the
/// benchmarks turn recording off (<see cref="RecordCalls"/>) and wait on <see cref="WhenSent"/> instead.
/// </summary>
public sealed partial class BotApiDouble : IAsyncDisposable
{
    public const string Token = "123456789:AAH-test_token_for_the_double_0123456";

    private readonly TimeProvider _time;
    private readonly WebApplication _app;
    private readonly Lock _updatesGate = new();
    private readonly List<(int Id, JsonObject Update)> _updates = [];
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<UploadedDocument> _documents = new();
    private readonly ConcurrentQueue<UploadedPhoto> _photos = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(Fault Fault, int RetryAfter)>> _faults = new();
    private readonly Queue<DateTimeOffset> _recentSends = new();
    private TaskCompletionSource _updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sentGate = new();
    private readonly List<(int Total, TaskCompletionSource Reached)> _sentWaiters = [];
    private int _sentCount;
    private int _nextUpdateId = 1;
    private readonly Lock _pollGate = new();
    private CancellationTokenSource? _activePoll;
    private int _pollConflicts;
    private int _nextMessageId = 50_000;

    public BotApiDouble(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/bot{token}/{method}", HandleAsync);
        _app.MapGet("/bot{token}/{method}", HandleAsync);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Chat members' statuses for getChatMember: (chat, user) → "creator" | "administrator" | "member" | "left".</summary>
    public ConcurrentDictionary<(long Chat, long User), string> Members { get; } = new();

    /// <summary>Chats whose user blocked the bot (403) — or that do not exist (400 chat not found) when listed in <see cref="MissingChats"/>.</summary>
    public ConcurrentDictionary<long, bool> BlockedChats { get; } = new();

    public ConcurrentDictionary<long, bool> MissingChats { get; } = new();

    /// <summary>People who never started the bot: a message to their private chat gets 403 "bot can't initiate conversation with a user".</summary>
    public ConcurrentDictionary<long, bool> NotStarted { get; } = new();

    /// <summary>Groups upgraded to supergroups (old id → new id): a send to the old id gets Telegram's 400 with migrate_to_chat_id.</summary>
    public ConcurrentDictionary<long, long> MigratedChats { get; } = new();

    /// <summary>Channels the bot administers, with whether it has the right to post (<c>can_post_messages</c>): getChatMember
    /// for the bot answers so, and a send without the right gets 400 "need administrator rights in the channel chat".</summary>
    public ConcurrentDictionary<long, bool> Channels { get; } = new();

    /// <summary>Messages deleted from their chat: a reply quoting one gets 400 "message to be replied not found" unless
    /// <c>allow_sending_without_reply</c> is true outside a forum topic (Telegram: "always False for replies in another
    /// chat or forum topic"), when it is sent without the quote.</summary>
    public ConcurrentDictionary<(long Chat, long MessageId), bool> DeletedMessages { get; } = new();

    /// <summary>When set, sendMessage beyond this many per second (by the double's clock) gets 429 retry_after 1, like Telegram.</summary>
    public int? EnforcedMessagesPerSecond { get; set; }

    /// <summary>
    /// True (Telegram's behaviour): a getUpdates offset forgets the updates below it. False simulates a bot that
    /// stopped before its confirming poll reached Telegram, so everything stays available for a replay.
    /// </summary>
    public bool ForgetConfirmed { get; set; } = true;

    /// <summary>Every token other than <see cref="Token"/> is refused with 401.</summary>
    public string AcceptedToken { get; set; } = Token;

    /// <summary>
    /// True (tests): every call is kept in <see cref="Calls"/> with its body. False (benchmarks): nothing is kept, so
    /// that a 10,000-update run measures the bot rather than the double's bookkeeping; <see cref="SentCount"/> and
    /// <see cref="WhenSent"/> still work.
    /// </summary>
    public bool RecordCalls { get; set; } = true;

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>sendMessage calls accepted so far (whether or not calls are recorded).</summary>
    public int SentCount => Volatile.Read(ref _sentCount);

    /// <summary>Completes once <see cref="SentCount"/> has reached <paramref name="total"/>.</summary>
    public Task WhenSent(int total)
    {
        lock (_sentGate)
        {
            if (_sentCount >= total)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _sentWaiters.Add((total, reached));
            return reached.Task;
        }
    }

    public IReadOnlyList<RecordedCall> Sent => [.. _calls.Where(c => c.Method == "sendMessage" && c.Ok)];

    /// <summary>Files uploaded with sendDocument (multipart/form-data), in order, with the chat they went to.</summary>
    public IReadOnlyList<UploadedDocument> Documents => [.. _documents];

    /// <summary>Pictures uploaded with sendPhoto (multipart/form-data), in order, with the chat they went to.</summary>
    public IReadOnlyList<UploadedPhoto> Photos => [.. _photos];

    public int CountOf(string method) => _calls.Count(c => c.Method == method);

    /// <summary>The command names last set for a scope (<c>all_private_chats</c>, <c>all_group_chats</c>, …; <c>default</c> without one).</summary>
    /// <summary>The command names last set for a scope and language (null: the menu for every language).</summary>
    public IReadOnlyList<string> MenuOf(string scope, string? languageCode = null) => _calls
        .Where(c => c.Method == "setMyCommands" && c.Ok && c.Body["language_code"]?.ToString() == languageCode && ((c.Body["scope"] is { } given ? (given as JsonObject ?? JsonNode.Parse(given.ToString())!.AsObject())["type"]?.ToString() : "default") == scope))
        .Select(c => (IReadOnlyList<string>)[.. c.Body["commands"]!.AsArray().Select(x => x!["command"]!.ToString())])
        .LastOrDefault() ?? [];

    public async Task StartAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address;
        _deliveryLoop = Task.Run(DeliverLoopAsync);
    }

    /// <summary>Adds an update (from <see cref="Updates"/>) and returns its update_id.</summary>
    public int Enqueue(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_updatesGate)
        {
            var id = _nextUpdateId++;
            var copy = (JsonObject)update.DeepClone();
            copy["update_id"] = id;

            // Telegram dates every message when it is sent; a test that gives no date means "just now".
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            foreach (var dated in new[] { copy["message"], copy["edited_message"], copy["channel_post"], copy["callback_query"]?["message"], copy["my_chat_member"], copy["message"]?["reply_to_message"] })
            {
                if (dated is JsonObject dateable && dateable["date"] is null)
                {
                    dateable["date"] = now;
                }
            }

            _updates.Add((id, copy));
            WakeDelivery();
            _updateArrived.TrySetResult();
            _updateArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return id;
        }
    }

    /// <summary>
    /// Numbers the next updates from <paramref name="nextId"/>, as Telegram does after a week without updates (the next
    /// id is chosen at random) or as another Bot API server does. An offset beyond every id of the new numbering
    /// then confirms nothing and getUpdates answers from the first update held, below that offset.
    /// </summary>
    public void Renumber(int nextId)
    {
        lock (_updatesGate)
        {
            _nextUpdateId = nextId;
        }
    }

    /// <summary>
    /// Long polls that another getUpdates cut short while they were waiting. Telegram allows one long poll per token:
    /// a second one ends the first with 409 "Conflict: terminated by other getUpdates request; make sure that only one
    /// bot instance is running", as the double does; two instances that never poll together leave this at 0.
    /// </summary>
    public int GetUpdatesConflicts => Volatile.Read(ref _pollConflicts);

    /// <summary>True while a getUpdates long poll waits (its caller is still connected).</summary>
    public bool IsLongPolling
    {
        get
        {
            lock (_pollGate)
            {
                return _activePoll is not null;
            }
        }
    }

    /// <summary>The update types of the last getUpdates that named them (Telegram keeps the last setting).</summary>
    public IReadOnlyList<string>? AllowedUpdates { get; private set; }

    /// <summary>Updates Telegram still holds (not yet confirmed by a getUpdates offset beyond them).</summary>
    public int Unconfirmed
    {
        get
        {
            lock (_updatesGate)
            {
                return _updates.Count;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> fail this way.</summary>
    public void FailNext(string method, Fault fault, int count = 1, int retryAfter = 1)
    {
        var queue = _faults.GetOrAdd(method, _ => new());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((fault, retryAfter));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_deliveryLoop is not null)
        {
            await _deliveryLoop;
        }

        _webhookClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>A Bot API number that may arrive as JSON number or (form bodies) as a string.</summary>
    public static long AsLong(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number ? node.GetValue<long>() : long.Parse(node.ToString(), CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var body = await ReadBodyAsync(context.Request);
        if (token != AcceptedToken)
        {
            await RespondErrorAsync(context, method, body, 401, "Unauthorized");
            return;
        }

        if (_faults.TryGetValue(method, out var faults) && faults.TryDequeue(out var planned))
        {
            switch (planned.Fault)
            {
                case Fault.DropConnection:
                    Record(method, body, 0, "connection dropped");
                    context.Abort();
                    return;
                case Fault.TooManyRequests:
                    await RespondErrorAsync(context, method, body, 429, $"Too Many Requests: retry after {planned.RetryAfter}", planned.RetryAfter);
                    return;
                case Fault.Forbidden:
                    await RespondErrorAsync(context, method, body, 403, "Forbidden: bot was blocked by the user");
                    return;
                case Fault.ServerError:
                    await RespondErrorAsync(context, method, body, 500, "Internal Server Error");
                    return;
                case Fault.Unauthorized:
                    await RespondErrorAsync(context, method, body, 401, "Unauthorized");
                    return;
                case Fault.Conflict:
                    await RespondErrorAsync(context, method, body, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                    return;
                case Fault.Garbage:
                    Record(method, body, 200, "garbage");
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("<html>bad gateway</html>");
                    return;
            }
        }

        switch (method)
        {
            case "getMe":
                await RespondOkAsync(context, method, body, Updates.User(Updates.BotId, "ChatCoach", Updates.BotUserName, isBot: true));
                break;
            case "deleteWebhook":
                await DeleteWebhookAsync(context, body);
                break;
            case "setWebhook":
                await SetWebhookAsync(context, body);
                break;
            case "getWebhookInfo":
                await GetWebhookInfoAsync(context, body);
                break;
            case "setMyCommands":
                await SetMyCommandsAsync(context, body);
                break;
            case "setMyDescription":
                await SetTextAsync(context, method, body, "description", 512, "Bad Request: BOT_DESCRIPTION_INVALID");
                break;
            case "setMyShortDescription":
                await SetTextAsync(context, method, body, "short_description", 120, "Bad Request: BOT_ABOUT_INVALID");
                break;
            case "getUpdates":
                await GetUpdatesAsync(context, body);
                break;
            case "sendMessage":
                await SendMessageAsync(context, body);
                break;
            case "sendDocument":
                await SendDocumentAsync(context, body);
                break;
            case "sendPhoto":
                await SendPhotoAsync(context, body);
                break;
            case "answerCallbackQuery":
                await AnswerCallbackQueryAsync(context, body);
                break;
            case "getChatMember":
                await GetChatMemberAsync(context, body);
                break;
            default:
                await RespondErrorAsync(context, method, body, 404, "Not Found: method not found");
                break;
        }
    }

    /// <summary>
    /// answerCallbackQuery: a notification text of 0–200 characters; a <c>url</c> only for a game, or a link
    /// <c>t.me/&lt;this bot&gt;?start=&lt;payload&gt;</c> whose payload is 1–64 of A–Z, a–z, 0–9, _ and - (the Bot API
    /// documents both; anything else is refused).
    /// </summary>
    private async Task AnswerCallbackQueryAsync(HttpContext context, JsonObject body)
    {
        const string method = "answerCallbackQuery";
        if ((body["text"]?.ToString() ?? "").Length > 200)
        {
            await RespondErrorAsync(context, method, body, 400, "Bad Request: MESSAGE_TOO_LONG");
            return;
        }

        if (body["url"]?.ToString() is { } url && !IsStartLink(url))
        {
            await RespondErrorAsync(context, method, body, 400, "Bad Request: URL_INVALID");
            return;
        }

        await RespondOkAsync(context, method, body, true);
    }

    private static bool IsStartLink(string url)
    {
        foreach (var prefix in (string[])[$"https://t.me/{Updates.BotUserName}?start=", $"t.me/{Updates.BotUserName}?start="])
        {
            if (url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var payload = url[prefix.Length..];
                return payload.Length is >= 1 and <= 64 && payload.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
            }
        }

        return false;
    }

    /// <summary>setMyDescription (0–512 characters) and setMyShortDescription (0–120): an empty text clears it.</summary>
    private async Task SetTextAsync(HttpContext context, string method, JsonObject body, string field, int limit, string refusal)
    {
        if ((body[field]?.ToString() ?? "").Length > limit)
        {
            await RespondErrorAsync(context, method, body, 400, refusal);
            return;
        }

        await RespondOkAsync(context, method, body, true);
    }

    private async Task SetMyCommandsAsync(HttpContext context, JsonObject body)
    {
        var scope = body["scope"] is { } given ? (given as JsonObject ?? JsonNode.Parse(given.ToString())!.AsObject())["type"]?.ToString() : "default";
        if (scope is not ("default" or "all_private_chats" or "all_group_chats" or "all_chat_administrators" or "chat" or "chat_administrators" or "chat_member"))
        {
            await RespondErrorAsync(context, "setMyCommands", body, 400, "Bad Request: BOT_COMMAND_SCOPE_INVALID");
            return;
        }

        if ((body["commands"]?.AsArray().Count ?? 0) > 100)
        {
            await RespondErrorAsync(context, "setMyCommands", body, 400, "Bad Request: too many commands");
            return;
        }

        foreach (var command in body["commands"]?.AsArray() ?? [])
        {
            var name = command?["command"]?.ToString() ?? "";
            var description = command?["description"]?.ToString() ?? "";
            if (name.Length is < 1 or > 32 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                await RespondErrorAsync(context, "setMyCommands", body, 400, "Bad Request: BOT_COMMAND_INVALID");
                return;
            }

            if (description.Length is < 1 or > 256)
            {
                await RespondErrorAsync(context, "setMyCommands", body, 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
                return;
            }
        }

        await RespondOkAsync(context, "setMyCommands", body, true);
    }

    private async Task GetUpdatesAsync(HttpContext context, JsonObject body)
    {
        if (WebhookUrl is not null)
        {
            await RespondErrorAsync(context, "getUpdates", body, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            return;
        }

        var offset = body["offset"] is { } o ? AsLong(o) : 0;
        var limit = body["limit"] is { } l ? (int)AsLong(l) : 100;
        var timeout = body["timeout"] is { } t ? (int)AsLong(t) : 0;
        if (body["allowed_updates"] is { } allowed)
        {
            var kinds = allowed is JsonArray array ? array.Select(k => k!.ToString()).ToList() : [.. JsonNode.Parse(allowed.ToString())!.AsArray().Select(k => k!.ToString())];
            AllowedUpdates = kinds;
        }

        var deadline = Environment.TickCount64 + (timeout * 1000L);
        using var terminated = new CancellationTokenSource();
        lock (_pollGate)
        {
            // One long poll per token: a new one terminates the one still waiting (unless its caller already left).
            if (_activePoll is { } earlier)
            {
                Interlocked.Increment(ref _pollConflicts);
                earlier.Cancel();
            }

            _activePoll = terminated;
        }

        try
        {
            await LongPollAsync(context, body, offset, limit, deadline, terminated);
        }
        finally
        {
            EndPoll(terminated);
        }
    }

    /// <summary>This poll no longer waits: a later one is no conflict (called before answering, so the caller's next poll never races it).</summary>
    private void EndPoll(CancellationTokenSource poll)
    {
        lock (_pollGate)
        {
            if (_activePoll == poll)
            {
                _activePoll = null;
            }
        }
    }

    private async Task LongPollAsync(HttpContext context, JsonObject body, long offset, int limit, long deadline, CancellationTokenSource terminated)
    {
        using var aborted = context.RequestAborted.Register(() => EndPoll(terminated));
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token, terminated.Token);
        var recorded = false;
        while (true)
        {
            Task arrived;
            JsonArray result;
            lock (_updatesGate)
            {
                // Like Telegram: an offset confirms (forgets) every update below it — unless it lies beyond every id
                // of the current numbering (after a renumbering), when it confirms nothing.
                var effective = offset > _nextUpdateId ? 0 : offset;
                if (ForgetConfirmed)
                {
                    _updates.RemoveAll(u => u.Id < effective);
                }

                // Telegram does not deliver update types the bot did not ask for.
                _updates.RemoveAll(u => AllowedUpdates is { Count: > 0 } kinds && !u.Update.Any(p => kinds.Contains(p.Key)));
                result = [.. _updates.Where(u => u.Id >= effective).Take(limit).Select(u => (JsonNode)u.Update.DeepClone())];
                arrived = _updateArrived.Task;
            }

            if (!recorded)
            {
                // Recorded when it arrives: a long poll may then wait for a while.
                Record("getUpdates", body, 200, null);
                recorded = true;
            }

            var remaining = deadline - Environment.TickCount64;
            if (terminated.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                await RespondErrorAsync(context, "getUpdates", body, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                return;
            }

            if (result.Count > 0 || remaining <= 0 || ended.IsCancellationRequested)
            {
                EndPoll(terminated);
                await RespondAsync(context, new JsonObject { ["ok"] = true, ["result"] = result });
                return;
            }

            try
            {
                // The server's long poll runs on the real clock: it ends early as soon as an update arrives.
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(remaining), ended.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // The double is stopping: answer at once so that nothing waits for the long poll.
            }
        }
    }

    private async Task SendMessageAsync(HttpContext context, JsonObject body)
    {
        var chatId = body["chat_id"] is { } c ? AsLong(c) : 0;
        var text = body["text"]?.ToString() ?? "";
        if (MissingChats.ContainsKey(chatId))
        {
            await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: chat not found");
            return;
        }

        if (MigratedChats.TryGetValue(chatId, out var movedTo))
        {
            await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: group chat was upgraded to a supergroup chat", parameters: new JsonObject { ["migrate_to_chat_id"] = movedTo });
            return;
        }

        if (NotStarted.ContainsKey(chatId))
        {
            await RespondErrorAsync(context, "sendMessage", body, 403, "Forbidden: bot can't initiate conversation with a user");
            return;
        }

        if (BlockedChats.ContainsKey(chatId))
        {
            await RespondErrorAsync(context, "sendMessage", body, 403, "Forbidden: bot was blocked by the user");
            return;
        }

        if (Channels.TryGetValue(chatId, out var canPost) && !canPost)
        {
            await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: need administrator rights in the channel chat");
            return;
        }

        JsonObject? quoted = null;
        if (body["reply_parameters"] is { } replyParameters)
        {
            var parameters = replyParameters as JsonObject ?? JsonNode.Parse(replyParameters.ToString())!.AsObject();
            var quotedId = parameters["message_id"] is { } id ? AsLong(id) : 0;
            if (DeletedMessages.ContainsKey((chatId, quotedId)))
            {
                var allowed = string.Equals(parameters["allow_sending_without_reply"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase);
                if (!allowed || body["message_thread_id"] is not null)
                {
                    await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: message to be replied not found");
                    return;
                }
            }
            else
            {
                quoted = new JsonObject { ["message_id"] = quotedId, ["chat"] = chatId > 0 ? Updates.PrivateChat(chatId) : Updates.GroupChat(chatId), ["date"] = _time.GetUtcNow().ToUnixTimeSeconds() };
            }
        }

        var visible = text;
        if (string.Equals(body["parse_mode"]?.ToString(), "HTML", StringComparison.OrdinalIgnoreCase))
        {
            var (parsed, error) = TelegramHtml.Parse(text);
            if (error is not null)
            {
                await RespondErrorAsync(context, "sendMessage", body, 400, $"Bad Request: can't parse entities: {error}");
                return;
            }

            visible = parsed!;
        }

        if (visible.Trim().Length == 0)
        {
            await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: message text is empty");
            return;
        }

        if (visible.Length > 4096)
        {
            await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: message is too long");
            return;
        }

        foreach (var row in body["reply_markup"]?["inline_keyboard"]?.AsArray() ?? [])
        {
            foreach (var button in row?.AsArray() ?? [])
            {
                var data = button?["callback_data"]?.ToString();
                if (data is not null && Encoding.UTF8.GetByteCount(data) is < 1 or > 64)
                {
                    await RespondErrorAsync(context, "sendMessage", body, 400, "Bad Request: BUTTON_DATA_INVALID");
                    return;
                }
            }
        }

        if (EnforcedMessagesPerSecond is { } limit && !TakeSendSlot(limit))
        {
            await RespondErrorAsync(context, "sendMessage", body, 429, "Too Many Requests: retry after 1", 1);
            return;
        }

        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["from"] = Updates.User(Updates.BotId, "ChatCoach", Updates.BotUserName, isBot: true),
            ["chat"] = Channels.ContainsKey(chatId) ? Updates.ChannelChat(chatId) : chatId > 0 ? Updates.PrivateChat(chatId) : Updates.GroupChat(chatId),
            ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["text"] = visible,
        };
        if (body["message_thread_id"] is { } thread)
        {
            message["message_thread_id"] = AsLong(thread);
            message["is_topic_message"] = true;
        }

        if (quoted is not null)
        {
            message["reply_to_message"] = quoted;
        }

        await RespondOkAsync(context, "sendMessage", body, message);
        CountSent();
    }

    /// <summary>
    /// sendDocument as Telegram takes it: the document either uploaded in a multipart/form-data part (named
    /// <c>document</c>, or any name that <c>attach://name</c> points to) or given as a file_id/URL string; uploads of at
    /// most 50 MB; a caption of at most 1,024 characters. Answers with a Message carrying a <c>document</c> object.
    /// </summary>
    private async Task SendDocumentAsync(HttpContext context, JsonObject body)
    {
        var chatId = body["chat_id"] is { } c ? AsLong(c) : 0;
        if (BlockedChats.ContainsKey(chatId))
        {
            await RespondErrorAsync(context, "sendDocument", body, 403, "Forbidden: bot was blocked by the user");
            return;
        }

        var files = context.Request.HasFormContentType ? context.Request.Form.Files : null;
        var reference = body["document"]?.ToString();
        var partName = reference is not null && reference.StartsWith("attach://", StringComparison.Ordinal) ? reference["attach://".Length..] : "document";
        var upload = files?.GetFile(partName);
        if (upload is null && (string.IsNullOrEmpty(reference) || reference.StartsWith("attach://", StringComparison.Ordinal)))
        {
            await RespondErrorAsync(context, "sendDocument", body, 400, "Bad Request: there is no document in the request");
            return;
        }

        if (upload is null)
        {
            // A file_id or URL: the double knows no stored files.
            await RespondErrorAsync(context, "sendDocument", body, 400, "Bad Request: wrong file identifier/HTTP URL specified");
            return;
        }

        if (upload.Length == 0)
        {
            await RespondErrorAsync(context, "sendDocument", body, 400, "Bad Request: file must be non-empty");
            return;
        }

        if (upload.Length > 50L * 1024 * 1024)
        {
            await RespondErrorAsync(context, "sendDocument", body, 413, "Request Entity Too Large");
            return;
        }

        if ((body["caption"]?.ToString() ?? "").Length > 1024)
        {
            await RespondErrorAsync(context, "sendDocument", body, 400, "Bad Request: message caption is too long");
            return;
        }

        using var content = new MemoryStream();
        await upload.CopyToAsync(content);
        _documents.Enqueue(new UploadedDocument(chatId, upload.FileName, upload.ContentType, content.ToArray()));
        var fileId = "BQACAgIAAx0" + Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["from"] = Updates.User(Updates.BotId, "ChatCoach", Updates.BotUserName, isBot: true),
            ["chat"] = chatId > 0 ? Updates.PrivateChat(chatId) : Updates.GroupChat(chatId),
            ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["document"] = new JsonObject
            {
                ["file_id"] = fileId,
                ["file_unique_id"] = "AgAD" + fileId[^4..],
                ["file_name"] = upload.FileName,
                ["mime_type"] = string.IsNullOrEmpty(upload.ContentType) ? "application/octet-stream" : upload.ContentType,
                ["file_size"] = upload.Length,
            },
        };
        if (body["caption"]?.ToString() is { Length: > 0 } caption)
        {
            message["caption"] = caption;
        }

        await RespondOkAsync(context, "sendDocument", body, message);
    }

    /// <summary>
    /// sendPhoto as Telegram takes it: the picture uploaded in the multipart part <c>photo</c> (or the one
    /// <c>attach://name</c> names); at most 10 MB; width and height at most 10,000 together and a ratio of at most 20
    /// (read here from the PNG or JPEG header; PHOTO_INVALID_DIMENSIONS otherwise); a caption of at most 1,024
    /// characters. Answers with a Message carrying a <c>photo</c> array of sizes.
    /// </summary>
    private async Task SendPhotoAsync(HttpContext context, JsonObject body)
    {
        var chatId = body["chat_id"] is { } c ? AsLong(c) : 0;
        if (BlockedChats.ContainsKey(chatId))
        {
            await RespondErrorAsync(context, "sendPhoto", body, 403, "Forbidden: bot was blocked by the user");
            return;
        }

        var files = context.Request.HasFormContentType ? context.Request.Form.Files : null;
        var reference = body["photo"]?.ToString();
        var partName = reference is not null && reference.StartsWith("attach://", StringComparison.Ordinal) ? reference["attach://".Length..] : "photo";
        var upload = files?.GetFile(partName);
        if (upload is null)
        {
            await RespondErrorAsync(context, "sendPhoto", body, 400, string.IsNullOrEmpty(reference) || reference.StartsWith("attach://", StringComparison.Ordinal)
                ? "Bad Request: there is no photo in the request"
                : "Bad Request: wrong file identifier/HTTP URL specified");
            return;
        }

        if (upload.Length > 10L * 1024 * 1024)
        {
            await RespondErrorAsync(context, "sendPhoto", body, 400, "Bad Request: PHOTO_SAVE_FILE_INVALID");
            return;
        }

        using var content = new MemoryStream();
        await upload.CopyToAsync(content);
        var bytes = content.ToArray();
        if (ImageSize(bytes) is not var (width, height))
        {
            await RespondErrorAsync(context, "sendPhoto", body, 400, "Bad Request: IMAGE_PROCESS_FAILED");
            return;
        }

        if (width + height > 10_000 || Math.Max(width, height) > 20L * Math.Min(width, height))
        {
            await RespondErrorAsync(context, "sendPhoto", body, 400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
            return;
        }

        var caption = body["caption"]?.ToString();
        if ((caption ?? "").Length > 1024)
        {
            await RespondErrorAsync(context, "sendPhoto", body, 400, "Bad Request: message caption is too long");
            return;
        }

        var markup = body["reply_markup"]?.DeepClone();
        _photos.Enqueue(new UploadedPhoto(chatId, upload.FileName, bytes, width, height, caption, body["parse_mode"]?.ToString(), markup));
        var fileId = "AgACAgIAAx0" + Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["from"] = Updates.User(Updates.BotId, "ChatCoach", Updates.BotUserName, isBot: true),
            ["chat"] = chatId > 0 ? Updates.PrivateChat(chatId) : Updates.GroupChat(chatId),
            ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["photo"] = new JsonArray(new JsonObject
            {
                ["file_id"] = fileId,
                ["file_unique_id"] = "AQAD" + fileId[^4..],
                ["width"] = width,
                ["height"] = height,
                ["file_size"] = bytes.Length,
            }),
        };
        if (caption is { Length: > 0 })
        {
            message["caption"] = caption;
        }

        await RespondOkAsync(context, "sendPhoto", body, message);
    }

    /// <summary>The pixel size from a PNG's IHDR chunk or a JPEG's start-of-frame marker; null for anything else.</summary>
    private static (int Width, int Height)? ImageSize(byte[] bytes)
    {
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length >= 24 && bytes.AsSpan(0, 8).SequenceEqual(png) && bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            var w = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var h = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            return w > 0 && h > 0 ? (w, h) : null;
        }

        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8)
        {
            for (var i = 2; i + 9 < bytes.Length;)
            {
                if (bytes[i] != 0xFF)
                {
                    return null;
                }

                var marker = bytes[i + 1];
                var length = (bytes[i + 2] << 8) | bytes[i + 3];
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return ((bytes[i + 7] << 8) | bytes[i + 8], (bytes[i + 5] << 8) | bytes[i + 6]);
                }

                i += 2 + length;
            }
        }

        return null;
    }

    private void CountSent()
    {
        lock (_sentGate)
        {
            _sentCount++;
            _sentWaiters.RemoveAll(w => w.Total <= _sentCount && w.Reached.TrySetResult());
        }
    }

    private bool TakeSendSlot(int limit)
    {
        lock (_recentSends)
        {
            var now = _time.GetUtcNow();
            while (_recentSends.TryPeek(out var sent) && sent <= now - TimeSpan.FromSeconds(1))
            {
                _recentSends.Dequeue();
            }

            if (_recentSends.Count >= limit)
            {
                return false;
            }

            _recentSends.Enqueue(now);
            return true;
        }
    }

    private async Task GetChatMemberAsync(HttpContext context, JsonObject body)
    {
        var chatId = body["chat_id"] is { } c ? AsLong(c) : 0;
        var userId = body["user_id"] is { } u ? AsLong(u) : 0;
        var inChannel = Channels.TryGetValue(chatId, out var botCanPost);
        var status = inChannel && userId == Updates.BotId ? "administrator" : Members.TryGetValue((chatId, userId), out var known) ? known : "member";
        var member = new JsonObject { ["status"] = status, ["user"] = Updates.User(userId) };
        if (inChannel && status == "administrator")
        {
            // A channel administrator's rights (the bot's own included): posting is one of them.
            foreach (var right in new[] { "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories", "can_post_messages", "can_edit_messages" })
            {
                member[right] = right is "can_manage_chat" || (right is "can_post_messages" or "can_edit_messages" && (userId != Updates.BotId || botCanPost));
            }
        }
        else if (status == "administrator")
        {
            foreach (var right in new[] { "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories" })
            {
                member[right] = right is "can_manage_chat" or "can_invite_users";
            }
        }
        else if (status == "creator")
        {
            member["is_anonymous"] = false;
        }

        await RespondOkAsync(context, "getChatMember", body, member);
    }

    private async Task RespondOkAsync(HttpContext context, string method, JsonObject body, JsonNode? result)
    {
        Record(method, body, 200, null);
        await RespondAsync(context, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private static async Task RespondAsync(HttpContext context, JsonObject envelope)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(envelope.ToJsonString());
    }

    private async Task RespondErrorAsync(HttpContext context, string method, JsonObject body, int code, string description, int? retryAfter = null, JsonObject? parameters = null)
    {
        Record(method, body, code, description);
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            parameters ??= [];
            parameters["retry_after"] = seconds;
        }

        if (parameters is not null)
        {
            error["parameters"] = parameters;
        }

        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.ToJsonString());
    }

    private void Record(string method, JsonObject body, int status, string? description)
    {
        if (RecordCalls)
        {
            _calls.Enqueue(new RecordedCall(method, _time.GetUtcNow(), body, status, description));
        }
    }

    /// <summary>JSON bodies as they are; form and query values as strings, with JSON-looking values (reply_markup) parsed.</summary>
    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        var body = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            body[key] = Value(value.ToString());
        }

        if (request.HasJsonContentType())
        {
            if (await JsonNode.ParseAsync(request.Body) is JsonObject json)
            {
                foreach (var (key, value) in json.ToList())
                {
                    json.Remove(key);
                    body[key] = value;
                }
            }
        }
        else if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                body[key] = Value(value.ToString());
            }
        }

        return body;
    }

    private static JsonNode? Value(string text) =>
        text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text) : JsonValue.Create(text);
}

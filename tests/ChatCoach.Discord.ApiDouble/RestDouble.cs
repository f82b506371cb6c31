using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChatCoach.Discord.ApiDouble;

/// <summary>One HTTP request the bot made, with what the double answered.</summary>
/// <summary>A file uploaded as the multipart part <paramref name="Field"/> (<c>files[n]</c>) of a request to <paramref name="Path"/>.</summary>
public sealed record UploadedFile(string Path, string Field, string FileName, string ContentType, byte[] Content);

public sealed record RecordedRequest(string Method, string Path, JsonNode? Body, string? Authorization, string? UserAgent, DateTimeOffset At, int Status);

/// <summary>
/// A failure to answer instead of the normal response, for requests matching <see cref="Matches"/>.
/// <see cref="AfterProcessing"/>: the request takes effect and only the answer is lost (a timeout on the way back).
/// <see cref="Cloudflare"/>: a 429 from Cloudflare's IP ban, an HTML page without JSON or rate-limit headers.
/// </summary>
public sealed record Fault(Func<string, string, bool> Matches, int Status, double RetryAfter = 0, bool Global = false, int? Code = null, bool AfterProcessing = false, bool Cloudflare = false)
{
    /// <summary>400 50035 Invalid Form Body, with Discord's nested <c>errors</c> tree for these paths.</summary>
    public static Fault InvalidFormBody(Dictionary<string, string> errors, Func<string, string, bool>? matches = null) =>
        new(matches ?? ((_, _) => true), 400, Code: 50035) { FieldErrors = errors };

    public Dictionary<string, string>? FieldErrors { get; init; }

    public static Fault CloudflareBan(Func<string, string, bool>? matches = null) => new(matches ?? ((_, _) => true), 429, Cloudflare: true);

    public static Fault AnswerLost(Func<string, string, bool>? matches = null) => new(matches ?? ((_, _) => true), 502, AfterProcessing: true);

    public static Fault RateLimited(double retryAfter, bool global = false, Func<string, string, bool>? matches = null) =>
        new(matches ?? ((_, _) => true), 429, retryAfter, global);

    public static Fault ServerError(Func<string, string, bool>? matches = null) => new(matches ?? ((_, _) => true), 502);

    public static Fault MissingAccess(Func<string, string, bool>? matches = null) => new(matches ?? ((_, _) => true), 403, Code: 50001);
}

/// <summary>
/// The HTTP API side of the double: the routes the bot calls, body validation against Discord's limits,
/// per-channel message buckets and the global limit (with <c>X-RateLimit-*</c> headers and real 429s), and
/// injected faults.
/// </summary>
public sealed partial class RestDouble(DiscordDouble owner)
{
    private readonly ConcurrentDictionary<string, ChannelBucket> _channelBuckets = new();
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _acknowledgedTokens = new();
    private readonly ConcurrentDictionary<string, (JsonNode Message, DateTimeOffset At)> _nonces = new();
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly Lock _globalLock = new();
    private readonly Lock _faultLock = new();
    private readonly List<(Fault Fault, int Remaining)> _faults = [];
    private long _messageIds = 1_600_000_000_000_000_000;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>
    /// True (tests): every request is kept in <see cref="Requests"/> with its body. False (benchmarks): nothing is
    /// kept, so that a 10,000-interaction run measures the bot rather than the double's bookkeeping; the counters
    /// (<see cref="Callbacks"/>, <see cref="Posts"/>, violations) still count.
    /// </summary>
    public bool RecordRequests { get; set; } = true;

    private int _callbacks;

    /// <summary>Interaction callbacks accepted (204).</summary>
    public int Callbacks => Volatile.Read(ref _callbacks);

    private int _posts;

    /// <summary>Channel messages accepted (200).</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>Message posts allowed per channel per <see cref="ChannelWindow"/> (Discord: 5 per 5 s).</summary>
    public int ChannelLimit { get; set; } = 5;

    public TimeSpan ChannelWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per interaction token (edits and follow-ups) per <see cref="WebhookWindow"/>.</summary>
    public int WebhookLimit { get; set; } = 5;

    public TimeSpan WebhookWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests allowed per <see cref="GlobalWindow"/> across routes that count (Discord: 50 per second).</summary>
    public int GlobalLimit { get; set; } = 50;

    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromSeconds(1);

    public ConcurrentDictionary<string, byte> ForbiddenChannels { get; } = new();

    public ConcurrentDictionary<string, byte> UnknownChannels { get; } = new();

    /// <summary>
    /// Channels that refuse posts with a given status and Discord code: (404, 10003) unknown channel, (404, 10004)
    /// unknown guild, (403, 50001) missing access, (403, 50007) cannot send to this user, (403, 50013) missing
    /// permissions; a null code answers with a proxy's HTML page instead of Discord's JSON.
    /// </summary>
    public ConcurrentDictionary<string, (int Status, int? Code)> ChannelRefusals { get; } = new();

    /// <summary>Channels where the bot lacks Embed Links: a post with embeds gets 403 50013, plain content passes.</summary>
    public ConcurrentDictionary<string, byte> NoEmbedLinks { get; } = new();

    /// <summary>What <c>GET /gateway/bot</c> recommends: the shard count and identifies per 5 s.</summary>
    public int RecommendedShards { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Interaction tokens work for webhooks this long after the interaction was created (Discord: 15 min), then 401 50027.</summary>
    public TimeSpan InteractionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long <c>enforce_nonce</c> remembers a nonce (Discord: "the past few minutes").</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(2);

    private int _globalViolations;

    public int GlobalViolations => Volatile.Read(ref _globalViolations);

    private int _bucketViolations;

    public int BucketViolations => Volatile.Read(ref _bucketViolations);

    private int _invalidBodies;

    public int InvalidBodies => Volatile.Read(ref _invalidBodies);

    private int _injectedFaults;

    public int InjectedFaults => Volatile.Read(ref _injectedFaults);

    /// <summary>How long the bot has for the first answer to an interaction (Discord: 3 s); later callbacks get 10062.</summary>
    public TimeSpan InteractionDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Called when the gateway dispatches an interaction: its deadline runs from the snowflake's time, as on Discord.</summary>
    internal void Issue(string interactionId) => _issued[interactionId] = DiscordEvents.TimeOf(interactionId);

    /// <summary>Answers the next <paramref name="times"/> matching requests with <paramref name="fault"/>.</summary>
    public void Inject(Fault fault, int times = 1)
    {
        lock (_faultLock)
        {
            _faults.Add((fault, times));
        }
    }

    public IReadOnlyList<RecordedRequest> Where(string method, string pathPattern) =>
        [.. Requests.Where(r => r.Method == method && Regex.IsMatch(r.Path, pathPattern))];

    public Task WaitForAsync(string method, string pathPattern, int count, TimeSpan? timeout = null) =>
        DiscordDouble.WaitUntilAsync(() => Requests.Count(r => r.Method == method && r.Status < 300 && Regex.IsMatch(r.Path, pathPattern)) >= count, timeout, $"{count} successful {method} {pathPattern}");

    internal async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!["/api/v10".Length..];
        JsonNode? body = null;
        List<UploadedFile>? uploads = null;
        if (request.HasFormContentType && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Discord's upload form: the JSON body in payload_json, file n in the part files[n].
            var form = await request.ReadFormAsync();
            body = form.TryGetValue("payload_json", out var json) && json.ToString().Length > 0 ? JsonNode.Parse(json.ToString()) : null;
            uploads = [];
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                uploads.Add(new UploadedFile(path, file.Name, file.FileName, file.ContentType, content.ToArray()));
            }
        }
        else if (request.ContentLength is > 0 || request.Headers.ContentType.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }

        var now = owner.Time.GetUtcNow();
        var (status, answer) = uploads is not null && CheckUploads(body, uploads, request.ContentLength) is { } refused
            ? refused
            : Answer(context, request.Method, path, body, now);
        if (uploads is not null && status < 300)
        {
            foreach (var upload in uploads)
            {
                Uploads.Enqueue(upload);
            }
        }

        if (RecordRequests)
        {
            Requests.Enqueue(new RecordedRequest(request.Method, path, body, request.Headers.Authorization, request.Headers.UserAgent, now, status));
        }

        context.Response.StatusCode = status;
        if (context.Items.TryGetValue(HtmlBody, out var html))
        {
            // Not Discord answering but something in front of it (Cloudflare, a proxy): HTML, no JSON code.
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync((string)html!);
        }
        else if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString());
        }
    }

    private const string HtmlBody = "html-body";

    /// <summary>Files the bot uploaded in requests Discord accepted (multipart <c>files[n]</c>), in order.</summary>
    public ConcurrentQueue<UploadedFile> Uploads { get; } = new();

    /// <summary>
    /// Discord's rules for an upload: parts named <c>files[n]</c>, at most 10, the whole request at most 25 MiB
    /// (413 40005), and every <c>attachments</c> entry of the JSON naming an uploaded n.
    /// </summary>
    private (int, JsonNode?)? CheckUploads(JsonNode? body, List<UploadedFile> uploads, long? length)
    {
        if (length > 25L * 1024 * 1024)
        {
            return (413, new JsonObject { ["message"] = "Request entity too large", ["code"] = 40005 });
        }

        var errors = new Dictionary<string, string>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var upload in uploads)
        {
            if (FilePart().Match(upload.Field) is not { Success: true } part)
            {
                errors[upload.Field] = "Unknown form field; files go in files[n].";
                continue;
            }

            numbers.Add(part.Groups["n"].Value);
        }

        if (uploads.Count > 10)
        {
            errors["files"] = "Must be 10 or fewer in length.";
        }

        var attachments = (body?["attachments"] ?? body?["data"]?["attachments"]) as JsonArray ?? [];
        for (var i = 0; i < attachments.Count; i++)
        {
            var id = attachments[i]?["id"]?.ToString();
            if (id is null || !numbers.Contains(id))
            {
                errors[$"attachments.{i}.id"] = "Unknown attachment: no files[n] part with this id.";
            }
        }

        return errors.Count > 0 ? Invalid(errors) : null;
    }

    [GeneratedRegex(@"^files\[(?<n>[0-9]+)\]$")]
    private static partial Regex FilePart();

    private (int Status, JsonNode? Body) Answer(HttpContext context, string method, string path, JsonNode? body, DateTimeOffset now)
    {
        var fault = TakeFault(method, path);
        if (fault is { AfterProcessing: true })
        {
            Interlocked.Increment(ref _injectedFaults);
            _ = Process(context, method, path, body, now, null);
            return FaultAnswer(fault, context);
        }

        return Process(context, method, path, body, now, fault);
    }

    private (int Status, JsonNode? Body) Process(HttpContext context, string method, string path, JsonNode? body, DateTimeOffset now, Fault? fault)
    {
        var headers = context.Response.Headers;
        var isInteraction = path.StartsWith("/interactions/", StringComparison.Ordinal) || path.StartsWith("/webhooks/", StringComparison.Ordinal);
        if (!isInteraction && context.Request.Headers.Authorization != $"Bot {owner.Token}")
        {
            return (401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
        }

        if (!context.Request.Headers.UserAgent.ToString().StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            return (403, new JsonObject { ["message"] = "Missing or invalid User-Agent", ["code"] = 0 });
        }

        if (fault is not null)
        {
            Interlocked.Increment(ref _injectedFaults);
            return FaultAnswer(fault, context);
        }

        if (!isInteraction && !CountGlobal(now, out var globalRetry))
        {
            Interlocked.Increment(ref _globalViolations);
            return FaultAnswer(Fault.RateLimited(globalRetry.TotalSeconds, global: true), context);
        }

        if (method == "GET" && path == "/gateway/bot")
        {
            return (200, new JsonObject
            {
                ["url"] = owner.GatewayBaseUrl,
                ["shards"] = RecommendedShards,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = MaxConcurrency },
            });
        }

        if (method == "PUT" && CommandsRoute().Match(path) is { Success: true } commands)
        {
            if (commands.Groups["app"].Value != owner.ApplicationId)
            {
                return (404, new JsonObject { ["message"] = "Unknown Application", ["code"] = 10002 });
            }

            return Validated(DiscordLimits.ValidateCommands(body), () => body!.DeepClone());
        }

        if (method == "POST" && CallbackRoute().Match(path) is { Success: true } callback)
        {
            var id = callback.Groups["id"].Value;
            var type = body?["type"]?.GetValue<int>();
            if (type is not (4 or 5 or 6 or 7 or 8))
            {
                return Invalid(new() { ["type"] = "Value must be one of (1, 4, 5, 6, 7, 8, 9, 10, 12)." });
            }

            var errors = type switch
            {
                4 => DiscordLimits.ValidateMessage(body?["data"]),
                8 => DiscordLimits.ValidateChoices(body?["data"]),
                _ => [],
            };
            if (errors.Count > 0)
            {
                return Invalid(errors);
            }

            if (!_issued.TryGetValue(id, out var issued) || now - issued > InteractionDeadline)
            {
                return (404, new JsonObject { ["message"] = "Unknown interaction", ["code"] = 10062 });
            }

            if (!_acknowledged.TryAdd(id, 0))
            {
                return (400, new JsonObject { ["message"] = "Interaction has already been acknowledged.", ["code"] = 40060 });
            }

            _acknowledgedTokens[callback.Groups["token"].Value] = issued;
            Interlocked.Increment(ref _callbacks);
            return (204, null);
        }

        if (WebhookRoute().Match(path) is { Success: true } webhook)
        {
            if (webhook.Groups["app"].Value != owner.ApplicationId || !_acknowledgedTokens.TryGetValue(webhook.Groups["token"].Value, out var created))
            {
                return (404, new JsonObject { ["message"] = "Unknown Webhook", ["code"] = 10015 });
            }

            if (now - created > InteractionTokenLifetime)
            {
                return (401, new JsonObject { ["message"] = "Invalid Webhook Token", ["code"] = 50027 });
            }

            if (!CountBucket("webhook:" + webhook.Groups["token"].Value, WebhookLimit, WebhookWindow, "a9f3c1d2e4b5a6978877665544332211", now, headers))
            {
                Interlocked.Increment(ref _bucketViolations);
                return (429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = double.Parse(headers["X-RateLimit-Reset-After"]!, CultureInfo.InvariantCulture), ["global"] = false });
            }

            return method switch
            {
                "DELETE" => (204, null),
                "PATCH" or "POST" => Validated(DiscordLimits.ValidateMessage(body), () => NewMessage(DiscordEvents.ChannelId)),
                _ => (405, new JsonObject { ["message"] = "405: Method Not Allowed", ["code"] = 0 }),
            };
        }

        if (method == "POST" && ChannelMessagesRoute().Match(path) is { Success: true } channel)
        {
            var channelId = channel.Groups["channel"].Value;
            if (UnknownChannels.ContainsKey(channelId))
            {
                return (404, new JsonObject { ["message"] = "Unknown Channel", ["code"] = 10003 });
            }

            if (ForbiddenChannels.ContainsKey(channelId))
            {
                return (403, new JsonObject { ["message"] = "Missing Access", ["code"] = 50001 });
            }

            if (ChannelRefusals.TryGetValue(channelId, out var refusal))
            {
                return Refuse(context, refusal.Status, refusal.Code);
            }

            if (NoEmbedLinks.ContainsKey(channelId) && body?["embeds"] is JsonArray { Count: > 0 })
            {
                return Refuse(context, 403, 50013);
            }

            if (body?["enforce_nonce"]?.GetValue<bool>() == true && body["nonce"]?.GetValue<string>() is { } nonce)
            {
                if (nonce.Length > 25)
                {
                    return Invalid(new() { ["nonce"] = "Must be 25 or fewer in length." });
                }

                // A repeat within the window returns the message the first request created, and posts nothing.
                var key = channelId + "/" + nonce;
                if (_nonces.TryGetValue(key, out var earlier) && now - earlier.At < NonceWindow)
                {
                    return (200, earlier.Message.DeepClone());
                }
            }

            if (!CountBucket("channel:" + channelId, ChannelLimit, ChannelWindow, "80c17d2f203122d936070c88c8d10f33", now, headers))
            {
                Interlocked.Increment(ref _bucketViolations);
                return (429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = double.Parse(headers["X-RateLimit-Reset-After"]!, CultureInfo.InvariantCulture), ["global"] = false });
            }

            var posted = Validated(DiscordLimits.ValidateMessage(body), () => NewMessage(channelId));
            if (posted.Item1 == 200)
            {
                Interlocked.Increment(ref _posts);
                if (body?["enforce_nonce"]?.GetValue<bool>() == true && body["nonce"]?.GetValue<string>() is { } created)
                {
                    _nonces[channelId + "/" + created] = (posted.Item2!.DeepClone(), now);
                }
            }

            return posted;
        }

        return (404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
    }

    private (int, JsonNode?) Validated(Dictionary<string, string> errors, Func<JsonNode> ok) => errors.Count > 0 ? Invalid(errors) : (200, ok());

    private (int, JsonNode?) Invalid(Dictionary<string, string> errors)
    {
        Interlocked.Increment(ref _invalidBodies);
        return (400, DiscordLimits.InvalidFormBody(errors));
    }

    private JsonObject NewMessage(string channelId) => new()
    {
        ["id"] = Interlocked.Increment(ref _messageIds).ToString(CultureInfo.InvariantCulture),
        ["channel_id"] = channelId,
        ["type"] = 0,
    };

    private Fault? TakeFault(string method, string path)
    {
        lock (_faultLock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if (fault.Matches(method, path))
                {
                    if (remaining <= 1)
                    {
                        _faults.RemoveAt(i);
                    }
                    else
                    {
                        _faults[i] = (fault, remaining - 1);
                    }

                    return fault;
                }
            }
        }

        return null;
    }

    /// <summary>Discord's answer for a refused post: its JSON <c>{code, message}</c>, or a proxy's page when there is no code.</summary>
    private static (int, JsonNode?) Refuse(HttpContext context, int status, int? code)
    {
        if (code is not { } known)
        {
            context.Items[HtmlBody] = $"<html><body><h1>{status}</h1></body></html>";
            return (status, null);
        }

        var message = known switch
        {
            10003 => "Unknown Channel",
            10004 => "Unknown Guild",
            50001 => "Missing Access",
            50007 => "Cannot send messages to this user",
            50013 => "Missing Permissions",
            _ => "Error",
        };
        return (status, new JsonObject { ["message"] = message, ["code"] = known });
    }

    private static (int, JsonNode?) FaultAnswer(Fault fault, HttpContext context)
    {
        var headers = context.Response.Headers;
        if (fault.Cloudflare)
        {
            context.Items[HtmlBody] = "<!DOCTYPE html><html><head><title>Access denied | discord.com used Cloudflare to restrict access</title></head><body>Error 1015: You are being rate limited.</body></html>";
            return (429, null);
        }

        switch (fault.Status)
        {
            case 429:
                var seconds = fault.RetryAfter.ToString("0.###", CultureInfo.InvariantCulture);
                headers.RetryAfter = seconds;
                headers["X-RateLimit-Scope"] = fault.Global ? "global" : "user";
                if (fault.Global)
                {
                    headers["X-RateLimit-Global"] = "true";
                }

                return (429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = fault.RetryAfter, ["global"] = fault.Global });
            case 403 or 404 or 401:
                return Refuse(context, fault.Status, fault.Code);
            case 400 when fault.FieldErrors is { } fields:
                return (400, DiscordLimits.InvalidFormBody(fields));
            case 400:
                return (400, new JsonObject { ["message"] = fault.Code == 40060 ? "Interaction has already been acknowledged." : "Bad Request", ["code"] = fault.Code ?? 0 });
            default:
                return (fault.Status, new JsonObject { ["message"] = "502: Bad Gateway", ["code"] = 0 });
        }
    }

    private bool CountGlobal(DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (_globalLock)
        {
            while (_globalWindow.Count > 0 && _globalWindow.Peek() <= now - GlobalWindow)
            {
                _globalWindow.Dequeue();
            }

            if (_globalWindow.Count >= GlobalLimit)
            {
                retryAfter = _globalWindow.Peek() + GlobalWindow - now;
                return false;
            }

            _globalWindow.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private bool CountBucket(string key, int limit, TimeSpan window, string hash, DateTimeOffset now, IHeaderDictionary headers)
    {
        var bucket = _channelBuckets.GetOrAdd(key, _ => new ChannelBucket());
        lock (bucket)
        {
            if (now >= bucket.ResetAt)
            {
                bucket.Used = 0;
                bucket.ResetAt = now + window;
            }

            var allowed = bucket.Used < limit;
            if (allowed)
            {
                bucket.Used++;
            }

            headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = (limit - bucket.Used).ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset-After"] = (bucket.ResetAt - now).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = (bucket.ResetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
            headers["X-RateLimit-Bucket"] = hash;
            if (!allowed)
            {
                headers.RetryAfter = (bucket.ResetAt - now).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
                headers["X-RateLimit-Scope"] = "user";
            }

            return allowed;
        }
    }

    [GeneratedRegex(@"^/applications/(?<app>\d+)(/guilds/\d+)?/commands$")]
    private static partial Regex CommandsRoute();

    [GeneratedRegex(@"^/interactions/(?<id>\d+)/(?<token>[^/]+)/callback$")]
    private static partial Regex CallbackRoute();

    [GeneratedRegex(@"^/webhooks/(?<app>\d+)/(?<token>[^/]+)(/messages/@original)?$")]
    private static partial Regex WebhookRoute();

    [GeneratedRegex(@"^/channels/(?<channel>\d+)/messages$")]
    private static partial Regex ChannelMessagesRoute();

    private sealed class ChannelBucket
    {
        public int Used { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }
}

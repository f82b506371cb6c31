using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChatCoach.Telegram.BotApi;

/// <summary>One POST of an update to the webhook: where it went and what came back (0: no answer).</summary>
public sealed record WebhookDelivery(int UpdateId, string Target, int Status);

/// <summary>
/// Webhook mode, as the Bot API documents it: setWebhook (an https URL on port 443, 80, 88 or 8443; max_connections
/// 1–100, default 40; secret_token of 1–256 of A-Z a-z 0-9 _ -; allowed_updates; drop_pending_updates), deleteWebhook,
/// getWebhookInfo, and getUpdates refused with 409 while a webhook is set. A delivery loop posts each held update as
/// JSON with the secret in <c>X-Telegram-Bot-Api-Secret-Token</c>, at most max_connections at once, one chat's
/// updates one after another in update_id order (the next only once the previous was answered 2xx), and retries an
/// update whose answer was not 2xx (Telegram: "we will repeat the request"). The public URL cannot be served on
/// loopback: <see cref="WebhookBackends"/> stands for the load balancer behind it, taking the instances in turn.
/// </summary>
public sealed partial class BotApiDouble
{
    private readonly Lock _webhookGate = new();
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(100) };
    private readonly HashSet<int> _deliveringIds = [];
    private readonly HashSet<long> _deliveringChats = [];
    private readonly Dictionary<int, long> _retryAt = [];
    private readonly List<WebhookDelivery> _deliveries = [];
    private TaskCompletionSource _deliveryWake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _deliveryLoop;
    private string? _webhookSecret;
    private int _webhookMaxConnections = 40;
    private int _nextBackend;
    private int _mostInFlight;
    private long? _lastErrorDate;
    private string? _lastErrorMessage;

    /// <summary>The webhook URL set (null: none, getUpdates works).</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>
    /// The load balancer behind the webhook URL: base addresses (<c>http://127.0.0.1:port</c>) of the bot's
    /// instances, taken in turn; the URL's path is kept. Empty: nobody answers, deliveries fail and are retried.
    /// </summary>
    public IReadOnlyList<string> WebhookBackends
    {
        get
        {
            lock (_webhookGate)
            {
                return _backends;
            }
        }

        set
        {
            lock (_webhookGate)
            {
                _backends = [.. value];
            }

            WakeDelivery();
        }
    }

    private IReadOnlyList<string> _backends = [];

    /// <summary>How long a failed delivery waits before it is tried again (real time; Telegram waits longer, tests need not).</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Every delivery so far, in the order they were answered.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (_webhookGate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>The most deliveries that were in flight at once (never above max_connections).</summary>
    public int MostWebhookDeliveriesInFlight => Volatile.Read(ref _mostInFlight);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();

    private async Task SetWebhookAsync(HttpContext context, JsonObject body)
    {
        var url = body["url"]?.ToString() ?? "";
        var secret = body["secret_token"]?.ToString();
        var maxConnections = body["max_connections"] is { } m ? (int)AsLong(m) : 40;
        if (url.Length == 0)
        {
            // The Bot API: "Use an empty string to remove webhook integration".
            ClearWebhook(Flag(body["drop_pending_updates"]));
            await RespondOkAsync(context, "setWebhook", body, true);
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            await RespondErrorAsync(context, "setWebhook", body, 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
            return;
        }

        if (uri.Port is not (443 or 80 or 88 or 8443))
        {
            await RespondErrorAsync(context, "setWebhook", body, 400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
            return;
        }

        if (secret is not null && !SecretShape().IsMatch(secret))
        {
            await RespondErrorAsync(context, "setWebhook", body, 400, "Bad Request: secret token contains unallowed characters");
            return;
        }

        if (maxConnections is < 1 or > 100)
        {
            await RespondErrorAsync(context, "setWebhook", body, 400, "Bad Request: max_connections must be between 1 and 100");
            return;
        }

        if (body["allowed_updates"] is { } allowed)
        {
            AllowedUpdates = allowed is JsonArray array ? [.. array.Select(k => k!.ToString())] : [.. JsonNode.Parse(allowed.ToString())!.AsArray().Select(k => k!.ToString())];
        }

        if (Flag(body["drop_pending_updates"]))
        {
            DropPending();
        }

        lock (_webhookGate)
        {
            WebhookUrl = url;
            _webhookSecret = secret;
            _webhookMaxConnections = maxConnections;
        }

        WakeDelivery();
        await RespondOkAsync(context, "setWebhook", body, true);
    }

    private async Task DeleteWebhookAsync(HttpContext context, JsonObject body)
    {
        ClearWebhook(Flag(body["drop_pending_updates"]));
        await RespondOkAsync(context, "deleteWebhook", body, true);
    }

    private async Task GetWebhookInfoAsync(HttpContext context, JsonObject body)
    {
        var info = new JsonObject { ["url"] = WebhookUrl ?? "", ["has_custom_certificate"] = false, ["pending_update_count"] = Unconfirmed };
        lock (_webhookGate)
        {
            if (WebhookUrl is not null)
            {
                info["max_connections"] = _webhookMaxConnections;
                if (AllowedUpdates is { } kinds)
                {
                    info["allowed_updates"] = new JsonArray([.. kinds.Select(k => (JsonNode)k)]);
                }
            }

            if (_lastErrorDate is { } date)
            {
                info["last_error_date"] = date;
                info["last_error_message"] = _lastErrorMessage;
            }
        }

        await RespondOkAsync(context, "getWebhookInfo", body, info);
    }

    private void ClearWebhook(bool dropPending)
    {
        lock (_webhookGate)
        {
            WebhookUrl = null;
            _webhookSecret = null;
        }

        if (dropPending)
        {
            DropPending();
        }
    }

    private void DropPending()
    {
        lock (_updatesGate)
        {
            _updates.Clear();
        }
    }

    private static bool Flag(JsonNode? node) => node is not null && (node.GetValueKind() == JsonValueKind.True || string.Equals(node.ToString(), "true", StringComparison.OrdinalIgnoreCase));

    private void WakeDelivery()
    {
        TaskCompletionSource wake;
        lock (_webhookGate)
        {
            wake = _deliveryWake;
            _deliveryWake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    private async Task DeliverLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Task wake;
            lock (_webhookGate)
            {
                wake = _deliveryWake.Task;
            }

            foreach (var (id, update, chat, target, secret) in TakeDeliverable())
            {
                _ = DeliverAsync(id, update, chat, target, secret);
            }

            try
            {
                // Woken by a new update, an answered delivery or a new setting; a retry's wait ends on the timeout.
                await wake.WaitAsync(WebhookRetryDelay, _stopping.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Held updates that may go now: the first of each chat not already on the way, up to max_connections.</summary>
    private List<(int Id, JsonObject Update, long Chat, string Target, string? Secret)> TakeDeliverable()
    {
        var ready = new List<(int, JsonObject, long, string, string?)>();
        lock (_updatesGate)
        {
            lock (_webhookGate)
            {
                if (WebhookUrl is not { } url || _backends.Count == 0)
                {
                    return ready;
                }

                _updates.RemoveAll(u => AllowedUpdates is { Count: > 0 } kinds && !u.Update.Any(p => kinds.Contains(p.Key)));
                var path = new Uri(url).PathAndQuery;
                var now = Environment.TickCount64;
                var seenChats = new HashSet<long>();
                foreach (var (id, update) in _updates.OrderBy(u => u.Id))
                {
                    var chat = ChatOf(update, id);
                    if (!seenChats.Add(chat) || _deliveringChats.Contains(chat))
                    {
                        // Only a chat's first held update may go: its next waits for that one's 2xx.
                        continue;
                    }

                    if (_deliveringIds.Count >= _webhookMaxConnections)
                    {
                        break;
                    }

                    if (_retryAt.TryGetValue(id, out var retryAt) && retryAt > now)
                    {
                        continue;
                    }

                    var target = _backends[_nextBackend++ % _backends.Count].TrimEnd('/') + path;
                    _deliveringIds.Add(id);
                    _deliveringChats.Add(chat);
                    ready.Add((id, (JsonObject)update.DeepClone(), chat, target, _webhookSecret));
                }

                var inFlight = _deliveringIds.Count;
                if (inFlight > _mostInFlight)
                {
                    Volatile.Write(ref _mostInFlight, inFlight);
                }
            }
        }

        return ready;
    }

    private async Task DeliverAsync(int id, JsonObject update, long chat, string target, string? secret)
    {
        var status = 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target)
            {
                Content = new StringContent(update.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            if (secret is not null)
            {
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
            }

            using var response = await _webhookClient.SendAsync(request, _stopping.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
        }

        lock (_updatesGate)
        {
            lock (_webhookGate)
            {
                _deliveries.Add(new WebhookDelivery(id, target, status));
                _deliveringIds.Remove(id);
                _deliveringChats.Remove(chat);
                if (status is >= 200 and < 300)
                {
                    // Answered: Telegram forgets it.
                    _updates.RemoveAll(u => u.Id == id);
                    _retryAt.Remove(id);
                }
                else
                {
                    _retryAt[id] = Environment.TickCount64 + (long)WebhookRetryDelay.TotalMilliseconds;
                    _lastErrorDate = _time.GetUtcNow().ToUnixTimeSeconds();
                    _lastErrorMessage = status == 0 ? "Connection refused" : string.Create(CultureInfo.InvariantCulture, $"Wrong response from the webhook: {status}");
                }
            }
        }

        WakeDelivery();
    }

    private static long ChatOf(JsonObject update, int id) =>
        (update["message"] ?? update["channel_post"] ?? update["my_chat_member"])?["chat"]?["id"] is { } chat ? AsLong(chat)
        : update["callback_query"] is { } query ? AsLong(query["message"]?["chat"]?["id"] ?? query["from"]!["id"]!)
        : -id;
}

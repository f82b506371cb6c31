using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Benchmarks;

/// <summary>
/// A lean Bot API double on loopback for the benchmarks (the tests' double also checks HTML and faults): long-polled
/// getUpdates from a queue, sendMessage counted, and optionally Telegram's 30 messages/second enforced on the real
/// clock with 429 retry_after 1 beyond it.
/// </summary>
public sealed class TelegramBenchmarkDouble : IAsyncDisposable
{
    public const string Token = "123456789:AAH-benchmark_token_0123456789abcdef";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(int Id, string Json)> _updates = [];
    private readonly Queue<long> _recentSends = new();
    private readonly ConcurrentDictionary<long, int> _perChat = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _target = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _targetCount = int.MaxValue;
    private int _nextId = 1;
    private int _sent;
    private int _tooMany;

    public TelegramBenchmarkDouble()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/bot{token}/{method}", HandleAsync);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>When set, sendMessage beyond this many in any second (real clock) is answered 429.</summary>
    public int? EnforcedMessagesPerSecond { get; set; }

    public int Sent => Volatile.Read(ref _sent);

    public int TooManyRequests => Volatile.Read(ref _tooMany);

    public int ChatsMessagedMoreThanOnce => _perChat.Count(c => c.Value > 1);

    public async Task StartAsync()
    {
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public void Reset(int target)
    {
        lock (_gate)
        {
            _sent = 0;
            _tooMany = 0;
            _perChat.Clear();
            _targetCount = target;
            _target = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when <see cref="Reset"/>'s target number of messages has been accepted.</summary>
    public Task TargetReached => _target.Task;

    public void EnqueueMany(IEnumerable<JsonObject> updates)
    {
        lock (_gate)
        {
            foreach (var update in updates)
            {
                update["update_id"] = _nextId;
                _updates.Add((_nextId++, update.ToJsonString()));
            }

            _arrived.TrySetResult();
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var body = context.Request.HasJsonContentType() ? await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [] : [];
        context.Response.ContentType = "application/json";
        if (token != Token)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"ok":false,"error_code":401,"description":"Unauthorized"}""");
            return;
        }

        switch (method)
        {
            case "getMe":
                await context.Response.WriteAsync("""{"ok":true,"result":{"id":7000000001,"is_bot":true,"first_name":"ChatCoach","username":"ChatCoachBenchBot"}}""");
                break;
            case "getUpdates":
                await GetUpdatesAsync(context, body);
                break;
            case "sendMessage":
                await SendMessageAsync(context, body);
                break;
            default:
                await context.Response.WriteAsync("""{"ok":true,"result":true}""");
                break;
        }
    }

    private async Task GetUpdatesAsync(HttpContext context, JsonObject body)
    {
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        var limit = body["limit"]?.GetValue<int>() ?? 100;
        var timeout = TimeSpan.FromSeconds(body["timeout"]?.GetValue<int>() ?? 0);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        while (true)
        {
            string[] batch;
            Task arrived;
            lock (_gate)
            {
                _updates.RemoveAll(u => u.Id < offset);
                batch = [.. _updates.Take(limit).Select(u => u.Json)];
                arrived = _arrived.Task;
            }

            if (batch.Length > 0 || ended.IsCancellationRequested)
            {
                await context.Response.WriteAsync($$"""{"ok":true,"result":[{{string.Join(',', batch)}}]}""");
                return;
            }

            try
            {
                await arrived.WaitAsync(timeout, ended.Token);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                timeout = TimeSpan.Zero;
            }
        }
    }

    private async Task SendMessageAsync(HttpContext context, JsonObject body)
    {
        var chatId = body["chat_id"]!.GetValueKind() == JsonValueKind.Number ? body["chat_id"]!.GetValue<long>() : long.Parse(body["chat_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        if (EnforcedMessagesPerSecond is { } limit)
        {
            var allowed = true;
            lock (_recentSends)
            {
                var now = Environment.TickCount64;
                while (_recentSends.TryPeek(out var sent) && sent <= now - 1000)
                {
                    _recentSends.Dequeue();
                }

                if (_recentSends.Count >= limit)
                {
                    allowed = false;
                }
                else
                {
                    _recentSends.Enqueue(now);
                }
            }

            if (!allowed)
            {
                Interlocked.Increment(ref _tooMany);
                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
                return;
            }
        }

        _perChat.AddOrUpdate(chatId, 1, (_, n) => n + 1);
        var count = Interlocked.Increment(ref _sent);
        var type = chatId > 0 ? "private" : "supergroup";
        await context.Response.WriteAsync($$$"""{"ok":true,"result":{"message_id":{{{count}}},"date":1700000000,"chat":{"id":{{{chatId}}},"type":"{{{type}}}"},"text":"ok"}}""");
        if (count >= _targetCount)
        {
            _target.TrySetResult();
        }
    }
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
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
/// A lean Discord stand-in on loopback for the benchmarks: the gateway (HELLO, IDENTIFY → READY, ACKs, dispatches)
/// and the REST routes the bot uses, with the global limit enforced at arrival (429 beyond it). The full double,
/// with body validation and fault injection, lives in the Discord test project.
/// </summary>
public sealed class DiscordBenchmarkDouble : IAsyncDisposable
{
    public const string Token = "MTIzNDU2Nzg5.bench.double-token";
    public const string ApplicationId = "900000000000000001";

    private readonly WebApplication _app;
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Lock _windowLock = new();
    private volatile WebSocket? _live;
    private readonly SemaphoreSlim _send = new(1, 1);
    private int _sequence;
    private int _callbacks;
    private int _posts;
    private int _rateLimited;

    private DiscordBenchmarkDouble(WebApplication app) => _app = app;

    public string Root { get; private set; } = "";

    public int GlobalLimit { get; set; } = 50;

    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromSeconds(1);

    public int Callbacks => Volatile.Read(ref _callbacks);

    public int Posts => Volatile.Read(ref _posts);

    public int RateLimited => Volatile.Read(ref _rateLimited);

    public bool Ready => _live is not null;

    public static async Task<DiscordBenchmarkDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var discord = new DiscordBenchmarkDouble(app);
        app.UseWebSockets();
        app.Map("/gateway", discord.GatewayAsync);
        app.Map("/api/v10/{**path}", discord.RestAsync);
        await app.StartAsync();
        discord.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return discord;
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _callbacks, 0);
        Interlocked.Exchange(ref _posts, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
    }

    public async Task DispatchAsync(string type, JsonNode data)
    {
        var frame = Encoding.UTF8.GetBytes(new JsonObject { ["op"] = 0, ["d"] = data, ["s"] = Interlocked.Increment(ref _sequence), ["t"] = type }.ToJsonString());
        await SendAsync(_live!, frame);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _send.Dispose();
    }

    private async Task GatewayAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SendAsync(socket, Encoding.UTF8.GetBytes("""{"op":10,"d":{"heartbeat_interval":41250}}"""));
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var payload = JsonNode.Parse(buffer.AsSpan(0, count))!;
                switch (payload["op"]!.GetValue<int>())
                {
                    case 1:
                        await SendAsync(socket, Encoding.UTF8.GetBytes("""{"op":11}"""));
                        break;
                    case 2 when payload["d"]!["token"]!.GetValue<string>() == Token:
                        var ready = new JsonObject
                        {
                            ["v"] = 10,
                            ["user"] = new JsonObject { ["id"] = "900000000000000002", ["username"] = "chatcoach", ["bot"] = true },
                            ["guilds"] = new JsonArray(),
                            ["session_id"] = "bench-session",
                            ["resume_gateway_url"] = Root.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway",
                            ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
                        };
                        _live = socket;
                        await DispatchAsync("READY", ready);
                        break;
                    case 2:
                        await socket.CloseOutputAsync((WebSocketCloseStatus)4004, "Authentication failed.", CancellationToken.None);
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The bot went away.
        }
    }

    private async Task RestAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!["/api/v10".Length..];
        using (var reader = new StreamReader(context.Request.Body))
        {
            await reader.ReadToEndAsync();
        }

        if (path.StartsWith("/interactions/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _callbacks);
            context.Response.StatusCode = 204;
            return;
        }

        if (!CountGlobal(out var retryAfter))
        {
            Interlocked.Increment(ref _rateLimited);
            context.Response.StatusCode = 429;
            context.Response.Headers["X-RateLimit-Global"] = "true";
            context.Response.Headers.RetryAfter = retryAfter.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { message = "You are being rate limited.", retry_after = retryAfter.TotalSeconds, global = true });
            return;
        }

        if (path == "/gateway/bot")
        {
            await context.Response.WriteAsJsonAsync(new { url = Root.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway", shards = 1 });
        }
        else if (path.StartsWith("/channels/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _posts);
            context.Response.Headers["X-RateLimit-Limit"] = "5";
            context.Response.Headers["X-RateLimit-Remaining"] = "4";
            context.Response.Headers["X-RateLimit-Reset-After"] = "5.000";
            context.Response.Headers["X-RateLimit-Bucket"] = "80c17d2f203122d936070c88c8d10f33";
            await context.Response.WriteAsJsonAsync(new { id = "1", channel_id = path.Split('/')[2] });
        }
        else
        {
            await context.Response.WriteAsync("[]");
        }
    }

    private bool CountGlobal(out TimeSpan retryAfter)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_windowLock)
        {
            while (_window.Count > 0 && _window.Peek() <= now - GlobalWindow)
            {
                _window.Dequeue();
            }

            if (_window.Count >= GlobalLimit)
            {
                retryAfter = _window.Peek() + GlobalWindow - now;
                return false;
            }

            _window.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    private async Task SendAsync(WebSocket socket, byte[] frame)
    {
        await _send.WaitAsync();
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }
}

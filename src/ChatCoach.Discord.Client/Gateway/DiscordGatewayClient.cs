using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord.Client;

/// <summary>One event from the gateway (op 0), in the order Discord sent it.</summary>
internal sealed record GatewayDispatch(string Type, JsonElement Data, int Sequence);

/// <summary>Why the gateway stopped for good: a close code Discord says not to reconnect after.</summary>
internal sealed record GatewayExit(int CloseCode, string Reason);

/// <summary>
/// A gateway session over <see cref="ClientWebSocket"/> (JSON, no compression): HELLO, heartbeats with a jittered
/// first beat, IDENTIFY or RESUME, the sequence number, and recovery from op 7, op 9, zombie connections and drops.
/// Returns only when Discord closes with a code that forbids reconnecting (4004, 4010–4014).
/// </summary>
internal sealed class DiscordGatewayClient(IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordGatewayClient> logger)
{
    /// <summary>Discord lets <c>max_concurrency</c> shards identify per 5 s; shard k waits for its bucket's turn.</summary>
    public static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);

    private readonly DiscordOptions _settings = options.Value;

    private const int MaxPayloadBytes = 4096;

    // Any code but 1000/1001 keeps the session resumable.
    private const WebSocketCloseStatus ResumableClose = (WebSocketCloseStatus)4000;

    // Discord allows 1,000 IDENTIFYs per day and resets the token beyond that; stay well clear of it.
    private const int IdentifiesPerDay = 900;

    private readonly Queue<DateTimeOffset> _identifies = new();
    private string? _sessionId;
    private string? _resumeUrl;
    private int? _sequence;
    private volatile bool _connected;
    private int _sessionsReady;
    private int _heartbeatAcks;

    /// <summary>The last sequence number received; sent with heartbeats and RESUME.</summary>
    public int? Sequence => _sequence;

    public string? SessionId => _sessionId;

    /// <summary>True from READY or RESUMED until that connection ends.</summary>
    public bool IsConnected => _connected;

    /// <summary>True once a session has been ready at least once (so a lost connection is a reconnect, not the first connect).</summary>
    public bool HasBeenReady => Volatile.Read(ref _sessionsReady) > 0;

    /// <summary>Called when a session is ready again after a drop (a RESUMED, or a READY after the first).</summary>
    public Action? Reconnected { get; set; }

    /// <summary>Heartbeat ACKs taken in, on every connection so far: a test moves a fake clock past the next beat only once the last ACK is in.</summary>
    internal int HeartbeatAcks => Volatile.Read(ref _heartbeatAcks);

    /// <summary>How long this shard waits before its first IDENTIFY: its bucket's turn, <c>(shard / max_concurrency) × 5 s</c>.</summary>
    public static TimeSpan FirstIdentifyDelay(int shardId, int maxConcurrency) => IdentifyWindow * (shardId / Math.Max(maxConcurrency, 1));

    public async Task<GatewayExit> RunAsync(string gatewayUrl, Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch, CancellationToken cancellationToken, int maxConcurrency = 1)
    {
        ArgumentNullException.ThrowIfNull(onDispatch);
        var firstDelay = FirstIdentifyDelay(_settings.ShardId, maxConcurrency);
        if (firstDelay > TimeSpan.Zero)
        {
            logger.LogInformation("Discord gateway: shard {ShardId} waits {Delay} for its identify bucket (max_concurrency {MaxConcurrency})", _settings.ShardId, firstDelay, maxConcurrency);
            await Task.Delay(firstDelay, time, cancellationToken);
        }

        var failures = 0;
        var connectFailures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resuming = _sessionId is not null;
            if (!resuming)
            {
                await WaitForIdentifyAllowanceAsync(cancellationToken);
            }

            var url = WithQuery(resuming ? _resumeUrl ?? gatewayUrl : gatewayUrl);
            var end = await RunConnectionAsync(url, resuming, onDispatch, cancellationToken);
            _connected = false;
            if (end.Action == EndAction.Fatal)
            {
                logger.LogError(
                    "Discord gateway closed with {CloseCode} ({Reason}); the Discord adapter has stopped, the rest of ChatCoach keeps running",
                    end.CloseCode,
                    end.Reason);
                return new GatewayExit(end.CloseCode ?? 0, end.Reason);
            }

            connectFailures = end.ConnectFailed ? connectFailures + 1 : 0;
            if (end.Action == EndAction.Reidentify || (resuming && connectFailures >= 3))
            {
                // The resume URL may be gone for good; after a few failed connects start over on the main URL.
                _sessionId = null;
                _resumeUrl = null;
                _sequence = null;
            }

            failures = end.WasReady ? 0 : failures + 1;
            var delay = Backoff(failures);
            if (end.InvalidSession)
            {
                // Repeated invalid sessions without a READY back off like any other failure.
                var wait = Between(_settings.InvalidSessionMinDelay, _settings.InvalidSessionMaxDelay);
                delay = failures > 1 && delay > wait ? delay : wait;
            }

            logger.LogInformation(
                "Discord gateway: {Reason}; {Next} in {Delay:0.###} s",
                end.Reason,
                _sessionId is null ? "identifying again" : "resuming",
                delay.TotalSeconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private void SessionReady()
    {
        _connected = true;
        if (Interlocked.Increment(ref _sessionsReady) > 1)
        {
            Reconnected?.Invoke();
        }
    }

    private async Task<ConnectionEnd> RunConnectionAsync(Uri url, bool resuming, Func<GatewayDispatch, CancellationToken, ValueTask> onDispatch, CancellationToken stopping)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var connection = new Connection(socket, connectionCts, new GatewaySendLimiter(_settings.GatewaySendLimit, _settings.GatewaySendWindow, time), time);
        Task? heartbeat = null;
        var wasReady = false;
        try
        {
            try
            {
                await socket.ConnectAsync(url, connectionCts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException && !stopping.IsCancellationRequested)
            {
                return new ConnectionEnd(EndAction.Resume, $"could not connect ({ex.GetType().Name})", null, false, ConnectFailed: true);
            }

            using var helloTimer = time.CreateTimer(_ => connection.Abort("no HELLO in time"), null, _settings.HelloTimeout, Timeout.InfiniteTimeSpan);
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            while (true)
            {
                var closed = await ReceiveAsync(socket, buffer, connectionCts.Token);
                if (closed)
                {
                    return Classify((int?)socket.CloseStatus, socket.CloseStatusDescription, wasReady);
                }

                GatewayPayload? payload;
                try
                {
                    payload = JsonSerializer.Deserialize<GatewayPayload>(buffer.WrittenSpan, DiscordJson.Options);
                }
                catch (JsonException ex)
                {
                    logger.LogWarning("Discord gateway sent a payload we cannot read ({Error}); skipping it", ex.Message);
                    continue;
                }

                if (payload is null)
                {
                    continue;
                }

                switch (payload.Op)
                {
                    case GatewayOpcodes.Hello:
                        helloTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                        var interval = TimeSpan.FromMilliseconds(payload.D.Deserialize<HelloData>(DiscordJson.Options)!.HeartbeatInterval);
                        heartbeat = HeartbeatAsync(connection, interval, connectionCts.Token);
                        await SendAsync(connection, resuming && _sessionId is not null ? ResumePayload() : IdentifyPayload(), urgent: true, connectionCts.Token);
                        break;
                    case GatewayOpcodes.HeartbeatAck:
                        connection.AckReceived = true;
                        Interlocked.Increment(ref _heartbeatAcks);
                        break;
                    case GatewayOpcodes.Heartbeat:
                        await SendAsync(connection, HeartbeatPayload(), urgent: true, connectionCts.Token);
                        break;
                    case GatewayOpcodes.Dispatch:
                        if (payload.S is { } s && (_sequence is null || s > _sequence))
                        {
                            _sequence = s;
                        }

                        if (payload.T == "READY")
                        {
                            var ready = payload.D.Deserialize<ReadyData>(DiscordJson.Options)!;
                            _sessionId = ready.SessionId;
                            _resumeUrl = ready.ResumeGatewayUrl;
                            wasReady = true;
                            SessionReady();
                            logger.LogInformation("Discord gateway ready as {BotUser} (shard {ShardId}/{ShardCount})", ready.User.Username, _settings.ShardId, _settings.ShardCount);
                        }
                        else if (payload.T == "RESUMED")
                        {
                            wasReady = true;
                            SessionReady();
                            logger.LogInformation("Discord gateway session resumed at sequence {Sequence}", _sequence);
                        }

                        if (payload.T is { } type)
                        {
                            try
                            {
                                await onDispatch(new GatewayDispatch(type, payload.D, payload.S ?? 0), stopping);
                            }
                            catch (Exception ex) when (ex is not OperationCanceledException)
                            {
                                // One bad event must not cost the session.
                                logger.LogError(ex, "Discord: handling a {EventType} dispatch failed", type);
                            }
                        }

                        break;
                    case GatewayOpcodes.Reconnect:
                        await connection.CloseAsync(ResumableClose);
                        return new ConnectionEnd(EndAction.Resume, "Discord asked us to reconnect (op 7)", null, wasReady);
                    case GatewayOpcodes.InvalidSession:
                        var resumable = payload.D.ValueKind == JsonValueKind.True;
                        await connection.CloseAsync(ResumableClose);
                        return new ConnectionEnd(
                            resumable ? EndAction.Resume : EndAction.Reidentify,
                            resumable ? "invalid session, resumable (op 9)" : "invalid session (op 9)",
                            null,
                            wasReady,
                            InvalidSession: true);
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new ConnectionEnd(EndAction.Resume, connection.AbortReason ?? "connection aborted", null, wasReady);
        }
        catch (WebSocketException ex) when (!stopping.IsCancellationRequested)
        {
            return new ConnectionEnd(EndAction.Resume, $"connection dropped ({ex.WebSocketErrorCode})", null, wasReady);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !stopping.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Discord gateway: unexpected error on the connection");
            return new ConnectionEnd(EndAction.Resume, $"unexpected error ({ex.GetType().Name})", null, wasReady);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: say goodbye properly; 1000 ends the session, which is right when we stop.
            await connection.CloseAsync(WebSocketCloseStatus.NormalClosure);
            throw;
        }
        finally
        {
            await connectionCts.CancelAsync();
            if (heartbeat is not null)
            {
                await heartbeat.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    private async Task WaitForIdentifyAllowanceAsync(CancellationToken cancellationToken)
    {
        var day = TimeSpan.FromDays(1);
        while (true)
        {
            var now = time.GetUtcNow();
            while (_identifies.Count > 0 && _identifies.Peek() <= now - day)
            {
                _identifies.Dequeue();
            }

            if (_identifies.Count < IdentifiesPerDay)
            {
                _identifies.Enqueue(now);
                return;
            }

            var wait = _identifies.Peek() + day - now;
            logger.LogError("Discord gateway: {Count} new sessions in 24 hours; waiting {Wait} before the next, to keep the token safe", _identifies.Count, wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task HeartbeatAsync(Connection connection, TimeSpan interval, CancellationToken cancellationToken)
    {
        // The first beat is jittered so that many clients reconnecting at once do not beat in step.
        await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!connection.AckReceived)
            {
                logger.LogWarning("Discord gateway: no heartbeat ACK within {Interval} ms; treating the connection as dead", interval.TotalMilliseconds);
                await connection.CloseAsync(ResumableClose);
                connection.Abort("no heartbeat ACK (zombie connection)");
                return;
            }

            connection.AckReceived = false;
            await SendAsync(connection, HeartbeatPayload(), urgent: true, cancellationToken);
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    private static async Task SendAsync(Connection connection, object payload, bool urgent, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, DiscordJson.Options);
        if (bytes.Length > MaxPayloadBytes)
        {
            throw new InvalidOperationException($"A gateway payload of {bytes.Length} bytes is over Discord's {MaxPayloadBytes}-byte limit.");
        }

        await connection.SendAsync(bytes, urgent, cancellationToken);
    }

    private static async Task<bool> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return true;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return false;
            }
        }
    }

    private static ConnectionEnd Classify(int? code, string? description, bool wasReady) => code switch
    {
        4004 => new(EndAction.Fatal, "authentication failed: check Discord:Token", code, wasReady),
        4010 => new(EndAction.Fatal, "invalid shard: check Discord:ShardId and Discord:ShardCount", code, wasReady),
        4011 => new(EndAction.Fatal, "sharding required: set Discord:ShardCount", code, wasReady),
        4012 => new(EndAction.Fatal, "invalid API version", code, wasReady),
        4013 => new(EndAction.Fatal, "invalid intents", code, wasReady),
        4014 => new(EndAction.Fatal, "disallowed intents: a privileged intent was requested that is not enabled on the Developer Portal's Bot page (ChatCoach needs none)", code, wasReady),
        4003 or 4005 or 4007 or 4009 or 1000 => new(EndAction.Reidentify, $"Discord closed the session ({code} {description})", code, wasReady),
        _ => new(EndAction.Resume, $"Discord closed the connection ({code} {description})", code, wasReady),
    };

    private GatewayPayloadOut IdentifyPayload() => new(
        GatewayOpcodes.Identify,
        new IdentifyData(_settings.Token ?? "", GatewayIntents.Bot, new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "chatcoach", "chatcoach"), [_settings.ShardId, _settings.ShardCount]));

    private GatewayPayloadOut ResumePayload() => new(GatewayOpcodes.Resume, new ResumeData(_settings.Token ?? "", _sessionId!, _sequence));

    private HeartbeatOut HeartbeatPayload() => new(GatewayOpcodes.Heartbeat, _sequence);

    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 16);
        var delay = _settings.ReconnectMinDelay * Math.Pow(2, exponent);
        if (delay > _settings.ReconnectMaxDelay)
        {
            delay = _settings.ReconnectMaxDelay;
        }

        return delay + (_settings.ReconnectMinDelay * Random.Shared.NextDouble() * 0.5);
    }

    private static TimeSpan Between(TimeSpan min, TimeSpan max) => min + ((max - min) * Random.Shared.NextDouble());

    private static Uri WithQuery(string url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    private enum EndAction
    {
        Resume,
        Reidentify,
        Fatal,
    }

    private sealed record ConnectionEnd(EndAction Action, string Reason, int? CloseCode, bool WasReady, bool InvalidSession = false, bool ConnectFailed = false);

    private sealed record GatewayPayloadOut(int Op, object D);

    // "d" is written even when null (before the first dispatch), as Discord expects.
    private sealed record HeartbeatOut(int Op, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? D);

    /// <summary>One socket: a ClientWebSocket allows a single send at a time, so sends are serialised here.</summary>
    private sealed class Connection(ClientWebSocket socket, CancellationTokenSource lifetime, GatewaySendLimiter limiter, TimeProvider time) : IDisposable
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);

        public volatile bool AckReceived = true;

        public string? AbortReason { get; private set; }

        public async Task SendAsync(byte[] bytes, bool urgent, CancellationToken cancellationToken)
        {
            await limiter.WaitAsync(urgent, cancellationToken);
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task CloseAsync(WebSocketCloseStatus status)
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            // A dead peer may never answer; do not let closing hang the reconnect.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
            try
            {
                await _sendLock.WaitAsync(timeout.Token);
                try
                {
                    await socket.CloseOutputAsync(status, null, timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Already broken: the reconnect that follows is what matters.
            }
        }

        public void Abort(string reason)
        {
            AbortReason ??= reason;
            try
            {
                lifetime.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection already ended.
            }
        }

        public void Dispose() => _sendLock.Dispose();
    }
}

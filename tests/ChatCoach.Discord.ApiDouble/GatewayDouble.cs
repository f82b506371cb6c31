using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatCoach.Discord.ApiDouble;

/// <summary>What the bot sent on the gateway, per connection.</summary>
public sealed record GatewayFrame(int Connection, int Op, JsonNode? Data);

/// <summary>
/// The gateway side of the double: speaks the v10 JSON protocol (HELLO, IDENTIFY → READY, RESUME → replay +
/// RESUMED, heartbeats and ACKs), keeps each session's dispatch log for replay, and can misbehave on request.
/// Sharded as Discord is: one session per shard (IDENTIFY's <c>shard: [id, count]</c>), a guild's events go only to
/// the shard <c>(guild_id &gt;&gt; 22) % count</c>, DMs only to shard 0, and READY lists only the shard's guilds.
/// </summary>
public sealed class GatewayDouble(DiscordDouble owner) : IDisposable
{
    /// <summary>GUILD_MEMBERS, GUILD_PRESENCES and MESSAGE_CONTENT: an app must switch these on in the Developer Portal.</summary>
    public const int PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

    /// <summary>Every intent bit Discord defines (0–25, without the unused 22 and 23); anything else is 4013.</summary>
    public const int KnownIntents = ((1 << 26) - 1) & ~((1 << 22) | (1 << 23));

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<int, Session> _sessions = [];
    private int _shardCount = 1;
    private int _connections;

    public int HeartbeatIntervalMs { get; set; } = 250;

    /// <summary>Heartbeats on this connection (by number) get no ACK: the bot should call it a zombie and resume.</summary>
    public int? WithholdAcksOnConnection { get; set; }

    public ConcurrentQueue<GatewayFrame> Received { get; } = new();

    /// <summary>Close codes the bot closed its connections with (null when it just dropped).</summary>
    public ConcurrentQueue<int?> ClientCloseCodes { get; } = new();

    /// <summary>Path and query of each connection the bot opened.</summary>
    public ConcurrentQueue<string> QueryStrings { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    public int Identifies => Received.Count(f => f.Op == 2);

    public int Resumes => Received.Count(f => f.Op == 6);

    /// <summary>READY plus RESUMED dispatches sent: each is a session (re)established.</summary>
    public int SessionsStarted { get; private set; }

    /// <summary>The last sequence number shard 0's session sent.</summary>
    public int LastSequence => _sessions.GetValueOrDefault(0)?.Sequence ?? 0;

    /// <summary>Shard 0's session.</summary>
    public string? SessionId => SessionIdOf(0);

    public string? SessionIdOf(int shard) => _sessions.GetValueOrDefault(shard)?.Id;

    /// <summary>Which shard each dispatch went to (null: no session for that shard, so nobody got it), in order.</summary>
    public ConcurrentQueue<(string Type, int? Shard)> Dispatched { get; } = new();

    /// <summary>The shard a guild's events go to under the shard count the bot identified with (DMs: shard 0).</summary>
    public int ShardOf(string? guildId) =>
        ulong.TryParse(guildId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? (int)((id >> 22) % (ulong)_shardCount) : 0;

    /// <summary>This connection (by number) never gets a HELLO: the bot should give up on it and reconnect.</summary>
    public int? SilentConnection { get; set; }

    /// <summary>When set, the resume URL refuses connections (as if that gateway node were gone).</summary>
    public bool RefuseResumeConnections { get; set; }

    /// <summary>The privileged intents the operator switched on; requesting another closes with 4014, as Discord does.</summary>
    public int EnabledPrivilegedIntents { get; set; }

    /// <summary>When set, the next IDENTIFY is answered with this close code instead of READY.</summary>
    public int? RejectIdentifyWith { get; set; }

    public Task WaitForSessionsAsync(int count, TimeSpan? timeout = null) =>
        DiscordDouble.WaitUntilAsync(() => SessionsStarted >= count, timeout, $"{count} gateway session(s) (have {SessionsStarted})");

    /// <summary>Whether a shard's session is live (identified or resumed, on an open connection).</summary>
    public bool IsLive(int shard) => _sessions.GetValueOrDefault(shard)?.Live is { Ready: true };

    /// <summary>
    /// Sends a dispatch to the live session, or only logs it (for replay on RESUME) while the bot is away. An
    /// interaction gets its id now, a snowflake on the double's clock, written into <paramref name="data"/> so the
    /// test can find its callback; <paramref name="keepId"/> sends one created earlier (its own id) instead.
    /// </summary>
    public async Task<int> DispatchAsync(string type, JsonNode data, bool keepId = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        await _lock.WaitAsync();
        try
        {
            if (type == "INTERACTION_CREATE" && data is JsonObject interaction && interaction["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                if (!keepId)
                {
                    interaction["id"] = owner.NewSnowflake();
                }

                owner.Rest.Issue(interaction["id"]!.GetValue<string>());
            }

            var shard = ShardOf(GuildOf(type, data));
            if (!_sessions.TryGetValue(shard, out var session))
            {
                // No shard of the bot has that guild's session: Discord delivers the event to nobody.
                Dispatched.Enqueue((type, null));
                return 0;
            }

            var seq = ++session.Sequence;
            var frame = Encode(new JsonObject { ["op"] = 0, ["d"] = data.DeepClone(), ["s"] = seq, ["t"] = type });
            session.Log.Add((seq, frame));
            Dispatched.Enqueue((type, shard));
            if (session.Live is { Ready: true } live)
            {
                await live.SendAsync(frame);
            }

            return seq;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Kills a shard's TCP connection without a close frame; its dispatches from now on wait for a RESUME.</summary>
    public async Task DropAsync(int shard = 0)
    {
        await _lock.WaitAsync();
        try
        {
            if (_sessions.GetValueOrDefault(shard) is { } session)
            {
                session.Live?.Socket.Abort();
                session.Live = null;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task SendReconnectAsync(int shard = 0) => SendOpAsync(shard, new JsonObject { ["op"] = 7, ["d"] = null });

    public Task SendInvalidSessionAsync(bool resumable, int shard = 0) => SendOpAsync(shard, new JsonObject { ["op"] = 9, ["d"] = resumable });

    public async Task CloseAsync(int code, string reason, int shard = 0)
    {
        if (_sessions.GetValueOrDefault(shard)?.Live is { } live)
        {
            await live.CloseAsync((WebSocketCloseStatus)code, reason);
        }
    }

    public void Dispose() => _lock.Dispose();

    internal async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        QueryStrings.Enqueue(context.Request.Path + context.Request.QueryString);
        if (RefuseResumeConnections && context.Request.Path.StartsWithSegments("/gateway-resume"))
        {
            context.Response.StatusCode = 503;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new Connection(Interlocked.Increment(ref _connections), socket);
        if (context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
        {
            await connection.CloseAsync((WebSocketCloseStatus)4012, "Invalid API version");
            return;
        }

        if (SilentConnection != connection.Number)
        {
            await connection.SendAsync(Encode(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } }));
        }

        var buffer = new byte[64 * 1024];
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
                    ClientCloseCodes.Enqueue((int?)socket.CloseStatus);
                    break;
                }

                if (count > 4096)
                {
                    await connection.CloseAsync((WebSocketCloseStatus)4002, "Payload too large");
                    break;
                }

                var payload = JsonNode.Parse(buffer.AsSpan(0, count))!;
                var op = payload["op"]!.GetValue<int>();
                Received.Enqueue(new GatewayFrame(connection.Number, op, payload["d"]?.DeepClone()));
                switch (op)
                {
                    case 1:
                        if (WithholdAcksOnConnection != connection.Number)
                        {
                            await connection.SendAsync(Encode(new JsonObject { ["op"] = 11 }));
                        }

                        break;
                    case 2:
                        await IdentifyAsync(connection, payload["d"]!);
                        break;
                    case 6:
                        await ResumeAsync(connection, payload["d"]!);
                        break;
                    default:
                        await connection.CloseAsync((WebSocketCloseStatus)4001, "Unknown opcode");
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            ClientCloseCodes.Enqueue(null);
        }
        finally
        {
            await _lock.WaitAsync();
            foreach (var session in _sessions.Values.Where(x => x.Live == connection))
            {
                session.Live = null;
            }

            _lock.Release();
        }
    }

    private async Task IdentifyAsync(Connection connection, JsonNode data)
    {
        if (connection.Identified)
        {
            await connection.CloseAsync((WebSocketCloseStatus)4005, "Already authenticated");
            return;
        }

        if (data["token"]?.GetValue<string>() != owner.Token || RejectIdentifyWith == 4004)
        {
            await connection.CloseAsync((WebSocketCloseStatus)4004, "Authentication failed.");
            return;
        }

        var intents = data["intents"]?.GetValue<int>();
        if (intents is not { } requested || (requested & ~KnownIntents) != 0)
        {
            await connection.CloseAsync((WebSocketCloseStatus)4013, "Invalid intent(s).");
            return;
        }

        if ((requested & PrivilegedIntents & ~EnabledPrivilegedIntents) != 0)
        {
            await connection.CloseAsync((WebSocketCloseStatus)4014, "Disallowed intent(s).");
            return;
        }

        var shard = data["shard"] as JsonArray;
        var shardId = shard is { Count: 2 } ? shard[0]!.GetValue<int>() : -1;
        if (shard is not { Count: 2 } || shardId < 0 || shardId >= shard[1]!.GetValue<int>())
        {
            await connection.CloseAsync((WebSocketCloseStatus)4010, "Invalid shard.");
            return;
        }

        if (RejectIdentifyWith is { } code)
        {
            await connection.CloseAsync((WebSocketCloseStatus)code, "Rejected by the test.");
            return;
        }

        await _lock.WaitAsync();
        try
        {
            connection.Identified = true;

            // A new IDENTIFY for a shard starts a new session for it; the old one (and its replay log) is gone.
            _shardCount = shard[1]!.GetValue<int>();
            var session = new Session();
            _sessions[shardId] = session;
            session.Live = connection;
            var guilds = new JsonArray();
            if (ShardOf(DiscordEvents.GuildId) == shardId)
            {
                guilds.Add(new JsonObject { ["id"] = DiscordEvents.GuildId, ["unavailable"] = true });
            }

            var ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = DiscordEvents.User(owner.BotUserId, "chatcoach", bot: true),
                ["guilds"] = guilds,
                ["session_id"] = session.Id,
                ["resume_gateway_url"] = owner.ResumeGatewayUrl,
                ["shard"] = shard.DeepClone(),
                ["application"] = new JsonObject { ["id"] = owner.ApplicationId, ["flags"] = 0 },
            };
            var seq = ++session.Sequence;
            var frame = Encode(new JsonObject { ["op"] = 0, ["d"] = ready, ["s"] = seq, ["t"] = "READY" });
            session.Log.Add((seq, frame));
            connection.Ready = true;
            await connection.SendAsync(frame);
            SessionsStarted++;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task ResumeAsync(Connection connection, JsonNode data)
    {
        await _lock.WaitAsync();
        try
        {
            var sessionId = data["session_id"]?.GetValue<string>();
            if (data["token"]?.GetValue<string>() != owner.Token || _sessions.Values.FirstOrDefault(x => x.Id == sessionId) is not { } session)
            {
                await connection.SendAsync(Encode(new JsonObject { ["op"] = 9, ["d"] = false }));
                return;
            }

            var after = data["seq"]?.GetValue<int>() ?? 0;
            session.Live?.Socket.Abort();
            session.Live = connection;
            connection.Identified = true;
            foreach (var (seq, frame) in session.Log.Where(e => e.Seq > after))
            {
                await connection.SendAsync(frame);
            }

            var resumedSeq = ++session.Sequence;
            var resumed = Encode(new JsonObject { ["op"] = 0, ["d"] = new JsonObject(), ["s"] = resumedSeq, ["t"] = "RESUMED" });
            session.Log.Add((resumedSeq, resumed));
            connection.Ready = true;
            await connection.SendAsync(resumed);
            SessionsStarted++;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task SendOpAsync(int shard, JsonObject payload)
    {
        if (_sessions.GetValueOrDefault(shard)?.Live is { } live)
        {
            await live.SendAsync(Encode(payload));
        }
    }

    /// <summary>The guild an event belongs to: <c>guild_id</c>, or a guild event's own <c>id</c>; null for DMs (and malformed payloads).</summary>
    private static string? GuildOf(string type, JsonNode data)
    {
        if (data is not JsonObject payload)
        {
            return null;
        }

        var guild = type.StartsWith("GUILD_", StringComparison.Ordinal) && !payload.ContainsKey("guild_id") ? payload["id"] : payload["guild_id"];
        return guild?.GetValueKind() == JsonValueKind.String ? guild.GetValue<string>() : null;
    }

    /// <summary>One shard's session: its id, sequence numbers and the dispatches kept for a RESUME.</summary>
    private sealed class Session
    {
        public string Id { get; } = Guid.NewGuid().ToString("N");

        public int Sequence { get; set; }

        public List<(int Seq, byte[] Frame)> Log { get; } = [];

        public Connection? Live { get; set; }
    }

    private static byte[] Encode(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private sealed class Connection(int number, WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public int Number => number;

        // The send gate is left undisposed: a send still under way when the bot drops the socket would otherwise
        // release a disposed semaphore. A SemaphoreSlim that never handed out its wait handle holds nothing to free.
        public void Dispose()
        {
        }

        public WebSocket Socket => socket;

        public bool Identified { get; set; }

        public bool Ready { get; set; }

        public async Task SendAsync(byte[] frame)
        {
            await _send.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (WebSocketException)
            {
                // The bot went away; the dispatch stays in the log for a RESUME.
            }
            finally
            {
                _send.Release();
            }
        }

        public async Task CloseAsync(WebSocketCloseStatus code, string reason)
        {
            await _send.WaitAsync();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(code, reason, CancellationToken.None);
                }
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
            finally
            {
                _send.Release();
            }
        }
    }
}

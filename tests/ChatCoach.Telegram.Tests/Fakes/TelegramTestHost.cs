using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Receiving;
using ChatCoach.Telegram.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.Fakes;

/// <summary>
/// The real adapter in a real host (LiteDB on a temp file, the core's router) against the Bot API double,
/// with a fake clock that the test — or <see cref="WaitUntilAsync"/> — moves forward.
/// </summary>
public sealed class TelegramTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly BotApiDouble _api;

    private TelegramTestHost(IHost host, BotApiDouble api, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        _host = host;
        _api = api;
        Time = time;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _host.Services;

    public IChatSender Sender => _host.Services.GetRequiredService<IChatSender>();

    internal TelegramOutbox Outbox => _host.Services.GetRequiredService<TelegramOutbox>();

    internal TelegramPollingService Polling => _host.Services.GetRequiredService<TelegramPollingService>();

    /// <summary>Webhook mode's listener (its <see cref="TelegramWebhookReceiver.Address"/> is what the double's load balancer calls).</summary>
    internal TelegramWebhookReceiver Webhook => _host.Services.GetRequiredService<TelegramWebhookReceiver>();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<TelegramTestHost> StartAsync(
        BotApiDouble api,
        FakeTimeProvider time,
        string databasePath,
        IDictionary<string, string?>? settings = null,
        Action<IHostApplicationBuilder>? addCommands = null,
        Action<IHostApplicationBuilder>? addStorage = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        var config = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = BotApiDouble.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeout"] = "00:00:10",
            ["Storage:Path"] = databasePath,

            // Safety nets, not the thing under test: a stop on a busy machine must not be cut short (a host that
            // gives up stopping disposes the database under a write still in progress).
            ["Telegram:DrainTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));
        if (addStorage is null)
        {
            builder.AddStorage();
        }
        else
        {
            addStorage(builder);
        }

        builder.AddConversation();
        if (addCommands is null)
        {
            AddTestCommands(builder);
        }
        else
        {
            addCommands(builder);
        }

        builder.AddTelegramAdapter();
        var host = builder.Build();

        // This host's own first poll: the double also counts the polls of an instance that ran before it.
        var earlierPolls = api.CountOf("getUpdates");
        await host.StartAsync();
        var testHost = new TelegramTestHost(host, api, time, logs);
        // Receiving has begun: this host's own first getUpdates, or in webhook mode the answered setWebhook.
        var webhook = host.Services.GetService<TelegramWebhookReceiver>() is not null;
        await testHost.WaitUntilAsync(
            () => (webhook ? testHost.Polling.Status == "receiving by webhook" : api.CountOf("getUpdates") > earlierPolls) || logs.Entries.Any(e => e.Level == LogLevel.Critical),
            webhook ? "the webhook set" : "the first getUpdates",
            idleStep: TimeSpan.FromSeconds(1));
        return testHost;
    }

    /// <summary>The test-only commands (plus a stand-in for "ask") used until the real ones are registered.</summary>
    public static void AddTestCommands(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCommandHandler<FakeAskHandler>();
        builder.Services.AddCommandHandler<EchoHandler>();
        builder.Services.AddCommandHandler<CardHandler>();
        builder.Services.AddCommandHandler<TickHandler>();
        builder.Services.AddCommandHandler<GuardedHandler>();
        builder.Services.AddCommandHandler<SeenHandler>();
    }

    /// <summary>
    /// Waits (polling, never sleeping on a fixed wall-clock schedule for the result) until <paramref name="condition"/>
    /// holds. Whenever the outbox has nothing on the wire and waits for its clock, the fake clock jumps to that
    /// moment, so rate limits pass in fake time and recorded timestamps are exact. <paramref name="idleStep"/>
    /// moves the clock when nothing else waits for it (receive backoff, for example): on a <see cref="TestClock"/>
    /// only once the bot waits on it — straight to its soonest timer when that is due within the step, never while
    /// it is still busy (a step taken then would land in its dates, by as much as the machine is slow); on a plain
    /// fake clock, one step whenever the outbox is idle (nothing pending, nothing on the wire, no timer).
    /// The wall clock is only a safety net, and a generous one: it gives up after a minute in which nothing moved
    /// (neither the outbox nor the fake clock, not counting this wait's own clock steps, which would otherwise count
    /// as progress for ever), however long the whole wait takes on a busy machine.
    /// </summary>
    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? idleStep = null) => WaitUntilAllAsync([this], condition, what, idleStep);

    /// <summary>
    /// <see cref="WaitUntilAsync"/> for several instances on one fake clock: the clock moves only when no instance has
    /// a send on the wire or is between two sends, to the soonest moment one of them waits for, so each outbox's pace
    /// on the clock is what it allows, however slow the machine.
    /// </summary>
    public static async Task WaitUntilAllAsync(IReadOnlyList<TelegramTestHost> hosts, Func<bool> condition, string what, TimeSpan? idleStep = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(condition);
        var first = hosts[0];
        var time = first.Time;
        var lastProgress = Environment.TickCount64;
        var lastSeen = (Snapshots(hosts), time.GetUtcNow());

        // Stepping the clock itself is not progress; a wait that steps it allows longer for what it waits on (a slow
        // start on a busy machine shows no outbox change either).
        var patienceMs = idleStep is null ? 60_000 : 180_000;
        while (!condition())
        {
            var snapshots = Snapshots(hosts);
            var now = time.GetUtcNow();
            if (snapshots != lastSeen.Item1 || now != lastSeen.Item2)
            {
                lastSeen = (snapshots, now);
                lastProgress = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - lastProgress > patienceMs)
            {
                throw new TimeoutException(
                    $"Gave up waiting for {what} after {patienceMs / 1000} s without progress at {now:yyyy-MM-dd HH:mm:ss} (fake); outboxes: {snapshots}; "
                    + $"calls: {string.Join(", ", first._api.Calls.GroupBy(c => c.Method).Select(g => $"{g.Key} ×{g.Count()}"))}; "
                    + $"last poll offset: {first._api.Calls.LastOrDefault(c => c.Method == "getUpdates")?.Body["offset"]}; "
                    + $"last calls: {string.Join(", ", first._api.Calls.Where(c => c.Method is not "getUpdates" && !c.Method.StartsWith("setMy", StringComparison.Ordinal)).TakeLast(8).Select(c => $"{c.Method}({c.Body["chat_id"] ?? c.Body["text"]}) {c.Status} {c.At:HH:mm:ss}"))}; "
                    + $"held updates: {first._api.Unconfirmed}, long polling: {first._api.IsLongPolling}, conflicts: {first._api.GetUpdatesConflicts}; tracker: {string.Join(" / ", hosts.Select(h => h.Polling.Status))}; "
                    + $"last logs: {string.Join(" | ", hosts.SelectMany(h => h.Logs.Entries.TakeLast(8)).Select(e => e.Message))}");
            }

            // Pending with nothing on the wire and no timer is a dispatcher between two sends (an answer just freed a
            // slot): it moves on by itself, and a step taken while a busy machine keeps it off the CPU would be fake
            // time the outbox never waited for (0.939 of the rate measured that way at load 8).
            var busy = hosts.Select(h => h.Outbox.Snapshot()).ToList();
            if (busy.Any(s => s.InFlight > 0 || s is { Pending: > 0, WakeAt: null }))
            {
                await Task.Delay(2);
                continue;
            }

            if (busy.Where(s => s.WakeAt is not null).Select(s => s.WakeAt!.Value).DefaultIfEmpty().Min() is var wakeAt && wakeAt != default)
            {
                if (wakeAt > now)
                {
                    time.Advance(wakeAt - now);
                    lastSeen = (Snapshots(hosts), time.GetUtcNow());
                    continue;
                }

                // Due but still asleep: its timer was armed against a clock that moved meanwhile.
                foreach (var host in hosts.Where(h => h.Outbox.Snapshot().WakeAt <= now))
                {
                    host.Outbox.Wake();
                }
            }
            else if (idleStep is { } step && first.IdleStep(step) is { } idle)
            {
                // Every outbox idle (nothing pending, nothing on the wire, no timer): the bot waits for something else.
                time.Advance(idle);
                lastSeen = (Snapshots(hosts), time.GetUtcNow());
            }

            await Task.Delay(2);
        }
    }

    private static string Snapshots(IReadOnlyList<TelegramTestHost> hosts) => string.Join(" | ", hosts.Select(h => h.Outbox.Snapshot()));

    /// <summary>Waits (wall clock, polling, never moving the fake clock) for something that needs no fake time; a minute is a generous safety net.</summary>
    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 - started > TestClock.Patience.TotalMilliseconds)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {TestClock.Patience.TotalSeconds} s");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>How far an idle wait moves the clock now (see <see cref="WaitUntilAsync"/>), or null to leave it.</summary>
    private TimeSpan? IdleStep(TimeSpan step)
    {
        if (Time is not TestClock clock)
        {
            return step;
        }

        return clock.ArmedTimers.FirstOrDefault(due => due > TimeSpan.Zero) is var soonest && soonest > TimeSpan.Zero && soonest <= step ? soonest : null;
    }

    /// <summary>Waits for a task while moving the fake clock as <see cref="WaitUntilAsync"/> does.</summary>
    public async Task<T> RunAsync<T>(Task<T> task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        await WaitUntilAsync(() => task.IsCompleted, what);
        return await task;
    }

    /// <summary>Stops the host while moving the fake clock, so that the adapter can drain its outbox as it does at a real stop.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stopping = _host.StopAsync(timeout.Token);
        await WaitUntilAsync(() => stopping.IsCompleted, "the host to stop");
        await stopping;
    }

    /// <summary>
    /// Ends the instance the way a crash does as far as others can tell: no stop, no drain, no goodbye — its
    /// in-flight calls are cut off and its database connections closed (a dead process's close the same way).
    /// </summary>
    public async Task KillAsync()
    {
        _killed = true;
        await ((IAsyncDisposable)_host).DisposeAsync();
    }

    private bool _killed;

    public async ValueTask DisposeAsync()
    {
        if (_killed)
        {
            return;
        }

        await StopAsync();
        _host.Dispose();
    }
}

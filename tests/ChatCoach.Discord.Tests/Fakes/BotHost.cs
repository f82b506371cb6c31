using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests.Fakes;

/// <summary>The bot as the host wires it (AddConversation + AddDiscordAdapter), pointed at the double, on the double's fake clock.</summary>
public sealed class BotHost : IAsyncDisposable
{
    /// <summary>How long <see cref="AdvanceUntilAsync"/> waits on the wall clock while nothing at all moves: a safety net.</summary>
    private const int PatienceMs = 60_000;

    private readonly string? _token;
    private readonly DiscordDouble _discord;

    private BotHost(IHost host, CapturingLoggerProvider logs, string? token, DiscordDouble discord)
    {
        Host = host;
        Logs = logs;
        _token = token;
        _discord = discord;
    }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>The fake clock the bot and the double share.</summary>
    public FakeTimeProvider Time { get; private init; } = null!;

    public IChatSender Sender => Services.GetServices<IChatSender>().Single(s => s.Platform == "discord");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The double's URL and token; Discord's own defaults for everything else (time moves only when a test moves it).</summary>
    public static Dictionary<string, string?> Settings(DiscordDouble discord) => new()
    {
        ["Discord:Token"] = discord.Token,
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
    };

    public static async Task<BotHost> StartAsync(
        DiscordDouble discord,
        Action<IHostApplicationBuilder>? configure = null,
        Action<Dictionary<string, string?>>? settings = null,
        bool withFakeHandlers = true)
    {
        var values = Settings(discord);
        settings?.Invoke(values);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(values);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.AddConversation();
        if (withFakeHandlers)
        {
            builder.Services.AddCommandHandler<FakeAskHandler>();
            builder.Services.AddCommandHandler<FakeRoutineHandler>();
            builder.Services.AddCommandHandler<FakeDoneHandler>();
            builder.Services.AddCommandHandler<FakeSubscribeHandler>();
            builder.Services.AddCommandHandler<FakeStreakHandler>();
        }

        var fake = discord.Time as FakeTimeProvider ?? throw new ArgumentException("Start the double on a FakeTimeProvider: the bot shares its clock.", nameof(discord));
        builder.Services.AddSingleton<TimeProvider>(fake);

        configure?.Invoke(builder);
        builder.AddDiscordAdapter();
        var host = builder.Build();
        await host.StartAsync();
        return new BotHost(host, logs, values["Discord:Token"], discord) { Time = fake };
    }

    /// <summary>
    /// Moves the fake clock forward <paramref name="step"/> at a time until <paramref name="condition"/> holds, giving
    /// the bot and the loopback sockets a moment between steps; returns the fake time that took. The wall clock is only
    /// a safety net: it gives up after a minute in which the double saw no request and no gateway frame but heartbeats (a fixed total
    /// would fail a long fan-out on a busy machine however correct it is).
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan step, string what, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var time = Time;
        var advanced = TimeSpan.Zero;
        var seen = Traffic();
        var lastProgress = Environment.TickCount64;
        while (!condition())
        {
            if (Traffic() is var traffic && traffic != seen)
            {
                seen = traffic;
                lastProgress = Environment.TickCount64;
            }

            if (Environment.TickCount64 - lastProgress > PatienceMs || (limit is { } max && advanced > max))
            {
                throw new TimeoutException($"Gave up waiting for {what} after {advanced} of fake time; last logs: {string.Join(" | ", Logs.Entries.TakeLast(5).Select(e => e.Message))}");
            }

            for (var spin = 0; spin < 5 && !condition(); spin++)
            {
                await Task.Delay(1);
            }

            if (!condition())
            {
                time.Advance(step);
                advanced += step;
            }
        }

        return advanced;
    }

    /// <summary>What the double has seen; heartbeats are left out, as the fake clock's own steps bring them.</summary>
    private (int Requests, int Frames) Traffic() => (_discord.Rest.Requests.Count, _discord.Gateway.Received.Count(f => f.Op != 1));

    /// <summary>Waits (real time, polling) for a condition that needs no clock, such as a request already under way.</summary>
    public static Task WaitAsync(Func<bool> condition, string what) => DiscordDouble.WaitUntilAsync(condition, TimeSpan.FromSeconds(30), what);

    /// <summary><see cref="WaitAsync"/>, naming the last log lines when it gives up.</summary>
    public async Task WaitForAsync(Func<bool> condition, string what)
    {
        try
        {
            await WaitAsync(condition, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Last logs: {string.Join(" | ", Logs.Entries.TakeLast(8).Select(e => $"{e.Level} {e.Message} {e.Exception?.GetType().Name}"))}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();

        // Every scenario doubles as a check that the token never reaches a log line or a logged exception.
        if (_token is { Length: > 0 } token)
        {
            Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(token, StringComparison.Ordinal) ?? false));
        }
    }
}

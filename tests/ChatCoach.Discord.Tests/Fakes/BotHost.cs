using ChatCoach.Core.Conversation;
using ChatCoach.Core.Scheduling;
using ChatCoach.Discord.ApiDouble;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord.Tests.Fakes;

/// <summary>The bot as the host wires it (AddConversation + AddDiscordAdapter), pointed at the double, with tiny delays.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly string? _token;

    private BotHost(IHost host, CapturingLoggerProvider logs, string? token)
    {
        Host = host;
        Logs = logs;
        _token = token;
    }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    public IChatSender Sender => Services.GetServices<IChatSender>().Single(s => s.Platform == "discord");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static Dictionary<string, string?> Settings(DiscordDouble discord) => new()
    {
        ["Discord:Token"] = discord.Token,
        ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        ["Discord:ReconnectMinDelay"] = "00:00:00.010",
        ["Discord:ReconnectMaxDelay"] = "00:00:00.100",
        ["Discord:InvalidSessionMinDelay"] = "00:00:00.010",
        ["Discord:InvalidSessionMaxDelay"] = "00:00:00.050",
        ["Discord:RetryDelay"] = "00:00:00.010",
        ["Discord:RateLimitMargin"] = "00:00:00.010",
        ["Discord:DeferAfter"] = "00:00:00.300",
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
        }

        configure?.Invoke(builder);
        builder.AddDiscordAdapter();
        var host = builder.Build();
        await host.StartAsync();
        return new BotHost(host, logs, values["Discord:Token"]);
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

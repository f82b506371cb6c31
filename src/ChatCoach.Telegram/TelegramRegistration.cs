using System.Net;
using System.Runtime.CompilerServices;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Telegram.Receiving;
using ChatCoach.Telegram.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatCoach.Telegram;

public static class TelegramRegistration
{
    /// <summary>Telegram:* options; the adapter switches itself on when Telegram:Token is set.</summary>
    public static IHostApplicationBuilder AddTelegramAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.Token)}"]))
        {
            return builder;
        }

        AddAdapterServices(builder);
        return builder;
    }

    /// <summary>
    /// The adapter itself, apart so that a bot without a token never loads Telegram.Bot (issue 9: ~1.5 MB resident and
    /// its start-up JIT): the JIT loads every assembly a method names when it compiles it, taken branch or not.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddAdapterServices(IHostApplicationBuilder builder)
    {
        // Request URLs contain the token; HttpClient's own logging would write them out.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ITelegramBotClient>(CreateClient);
        builder.Services.AddSingleton<AdminCheck>();
        builder.Services.AddSingleton<ChatMigrations>();
        builder.Services.AddSingleton<PressTimes>();
        builder.Services.AddSingleton(sp =>
        {
            var outbox = ActivatorUtilities.CreateInstance<TelegramOutbox>(sp);
            var migrations = sp.GetRequiredService<ChatMigrations>();
            outbox.ChatMigrated = (from, to) => migrations.MoveHistoryAsync(from, to, CancellationToken.None);
            return outbox;
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelegramOutbox>());
        builder.Services.AddSingleton<TelegramChatSender>();
        builder.Services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<TelegramChatSender>());
        builder.Services.AddSingleton<TelegramUpdateHandler>();

        // One process polls alone; a shared database (PostgreSQL) registers its own election first.
        builder.Services.TryAddSingleton<IPollerElection, SoleInstanceElection>();
        // Webhook mode: Telegram pushes updates to a listener of this instance's; otherwise it is long-polled.
        if (string.Equals(builder.Configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.Mode)}"], nameof(TelegramMode.Webhook), StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<TelegramWebhookReceiver>();
        }

        builder.Services.AddSingleton<TelegramPollingService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelegramPollingService>());
        builder.Services.AddSingleton<IAdapterReadiness>(sp => sp.GetRequiredService<TelegramPollingService>());
    }

    private static TelegramBotClient CreateClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TelegramOptions>>().Value;

        // A client of our own, not from IHttpClientFactory: no handler logging that could print the URL with the
        // token, and pooled connections are recycled so DNS changes are picked up.
#pragma warning disable CA2000 // The HttpClient owns the handler and lives as long as the bot client (a singleton).
        var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = Math.Max(options.MaxConcurrentSends + 2, 4),
        })
        {
            // Longer than the long poll, so that a quiet getUpdates is never cut off by the client.
            Timeout = options.PollTimeout + TimeSpan.FromSeconds(30),
        };
#pragma warning restore CA2000
        return new TelegramBotClient(new TelegramBotClientOptions(options.Token!.Trim(), options.ApiBaseUrl) { RetryThreshold = 0, RetryCount = 0 }, http);
    }
}

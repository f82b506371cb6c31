using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

public static class DiscordRegistration
{
    /// <summary>Discord:* options; the adapter switches itself on when Discord:Token is set.</summary>
    public static IHostApplicationBuilder AddDiscordAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{DiscordOptions.SectionName}:Token"]))
        {
            return builder;
        }

        builder.Services.TryAddSingleton(TimeProvider.System);

        // Interaction webhooks carry their token in the URL, and HttpClient's logging writes URLs at Information
        // and Trace; no logger on this client, whatever the operator's Logging settings say.
        builder.Services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        builder.Services.AddSingleton<RestRateLimiter>();
        builder.Services.AddSingleton(sp => new DiscordRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordRestClient.HttpClientName),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<RestRateLimiter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>())
        {
            AnswerObserved = CountAnswer(sp.GetService<ChatCoachMetrics>()),
        });
        builder.Services.AddSingleton(sp =>
        {
            var gateway = ActivatorUtilities.CreateInstance<DiscordGatewayClient>(sp);
            if (sp.GetService<ChatCoachMetrics>() is { } metrics)
            {
                gateway.Reconnected = () => metrics.GatewayReconnect(Platform);
            }

            return gateway;
        });
        builder.Services.AddSingleton<DiscordBotIdentity>();
        builder.Services.AddSingleton<UnsendableChannels>();
        builder.Services.AddSingleton<RefusalLedger>();
        builder.Services.AddSingleton<InteractionWebhook>();
        builder.Services.AddSingleton<InteractionResponder>();
        builder.Services.AddSingleton<MessageResponder>();
        builder.Services.AddSingleton<GuildChannels>();
        builder.Services.AddSingleton<CommandRegistrar>();
        builder.Services.AddSingleton<DiscordEventHandler>();
        builder.Services.AddSingleton<DiscordChatSender>();
        builder.Services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<DiscordChatSender>());
        builder.Services.AddSingleton<DiscordAdapterService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DiscordAdapterService>());
        builder.Services.AddSingleton<IAdapterReadiness, DiscordReadiness>();
        return builder;
    }

    private const string Platform = "discord";

    /// <summary>A POST is a send (a message, an interaction answer); a 429 is counted whatever the method.</summary>
    private static Action<HttpMethod, int>? CountAnswer(ChatCoachMetrics? metrics) => metrics is null
        ? null
        : (method, status) =>
        {
            if (status == 429)
            {
                metrics.RateLimited(Platform);
            }

            if (method == HttpMethod.Post)
            {
                metrics.Send(Platform, status switch
                {
                    < 300 => "sent",
                    429 => "rate_limited",
                    >= 500 => "temporary",
                    _ => "permanent",
                });
            }
        };
}

using ChatCoach.Core.Scheduling;
using ChatCoach.Discord.Api;
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
        builder.Services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton(sp => new RestRateLimiter(
            RestLimits.From(Options(sp)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RestRateLimiter>>()));
        builder.Services.AddSingleton(sp => new DiscordRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordRestClient.HttpClientName),
            DiscordRestSettings.From(Options(sp)),
            sp.GetRequiredService<RestRateLimiter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        builder.Services.AddSingleton(sp => new DiscordGatewayClient(
            GatewaySettings.From(Options(sp)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordGatewayClient>>()));
        builder.Services.AddSingleton<DiscordBotIdentity>();
        builder.Services.AddSingleton<DiscordEventHandler>();
        builder.Services.AddSingleton<DiscordChatSender>();
        builder.Services.AddSingleton<IChatSender>(sp => sp.GetRequiredService<DiscordChatSender>());
        builder.Services.AddSingleton<DiscordAdapterService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DiscordAdapterService>());
        return builder;
    }

    private static DiscordOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DiscordOptions>>().Value;
}

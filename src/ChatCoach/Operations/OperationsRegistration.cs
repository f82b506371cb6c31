using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Operations;

public static class OperationsRegistration
{
    /// <summary>
    /// Health checks and the operator's listener, when <c>Health:Url</c> is set. Not for the console chat
    /// (<paramref name="enabled"/> false): a person at a terminal has nothing to scrape.
    /// </summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (!enabled || string.IsNullOrWhiteSpace(builder.Configuration[$"{HealthOptions.SectionName}:{nameof(HealthOptions.Url)}"]))
        {
            return builder;
        }

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [OperationsEndpoint.ReadyTag])
            .AddCheck<AdaptersHealthCheck>("adapters", tags: [OperationsEndpoint.ReadyTag]);
        builder.Services.AddSingleton<OperationsEndpoint>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OperationsEndpoint>());
        return builder;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach;

/// <summary>The <c>Host</c> section: how long a stop (SIGTERM, Ctrl+C) waits for the adapters to drain their outboxes.</summary>
public sealed class HostShutdownOptions
{
    public const string SectionName = "Host";

    /// <summary>Time the hosted services get to finish on stop (drain queued replies, save offsets) before the process exits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Host:ShutdownTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

internal static class HostShutdownRegistration
{
    public static IHostApplicationBuilder AddShutdownTimeout(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostShutdownOptions>()
            .BindConfiguration(HostShutdownOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<HostShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.ShutdownTimeout);
        return builder;
    }
}

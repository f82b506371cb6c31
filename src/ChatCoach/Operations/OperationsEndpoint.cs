using System.Text;
using ChatCoach.Core.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ChatCoach.Operations;

/// <summary>
/// The operator's listener: a small Kestrel app of its own inside the worker host, so the bot stays a generic-host
/// worker and the web stack exists only when <c>Health:Url</c> is set. <c>/healthz</c> answers while the process
/// runs; <c>/readyz</c> runs the bot's "ready" health checks (database, adapters); <c>/metrics</c> is the Prometheus
/// scrape of the <see cref="ChatCoachMetrics.MeterName"/> meter.
/// </summary>
public sealed class OperationsEndpoint(
    IOptions<HealthOptions> options,
    HealthCheckService health,
    ILogger<OperationsEndpoint> logger) : IHostedService, IAsyncDisposable
{
    public const string ReadyTag = "ready";

    private WebApplication? _app;

    /// <summary>The address actually bound (the port is the system's choice when Health:Url says port 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Value.Url!);
        builder.Logging.ClearProviders();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ChatCoachMetrics.MeterName)
            .AddPrometheusExporter());
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("alive\n", "text/plain"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapPrometheusScrapingEndpoint("/metrics");
        await app.StartAsync(cancellationToken);
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound);
        logger.LogInformation("Health and metrics listening on {Address} (/healthz, /readyz, /metrics)", Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>200 when every ready check passes, 503 otherwise; one line per check for the operator.</summary>
    private async Task<IResult> ReadyAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), cancellationToken);
        var text = new StringBuilder();
        text.Append(report.Status == HealthStatus.Healthy ? "ready" : "not ready").Append('\n');
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").Append(entry.Status).Append(" (").Append(entry.Description).Append(")\n");
        }

        return Results.Text(
            text.ToString(),
            "text/plain",
            statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

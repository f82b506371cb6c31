using ChatCoach.Core.Operations;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatCoach.Operations;

/// <summary>Ready when the database answers a read: the same store call every adapter makes at start.</summary>
internal sealed class DatabaseHealthCheck(IAdapterStateStore state) : IHealthCheck
{
    private const string ProbeKey = "health:probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await state.GetAsync(ProbeKey, cancellationToken);
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the store throws, the answer is "not ready", with one line saying why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"database unreachable: {ex.GetType().Name}");
        }
    }
}

/// <summary>Ready when every enabled adapter says it is connected and receiving; no adapter (console chat) is ready.</summary>
internal sealed class AdaptersHealthCheck(IEnumerable<IAdapterReadiness> adapters) : IHealthCheck
{
    private readonly IAdapterReadiness[] _adapters = [.. adapters];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = _adapters.ToDictionary(a => a.Platform, a => (object)a.Status);
        var notReady = _adapters.Where(a => !a.IsReady).Select(a => $"{a.Platform}: {a.Status}").ToList();
        return Task.FromResult(notReady.Count == 0
            ? HealthCheckResult.Healthy("adapters connected", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", notReady), data: data));
    }
}

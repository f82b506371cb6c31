using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.DailyPosts;

/// <summary>
/// Runs <see cref="DailyPostRunner"/> passes: after each pass it sleeps (on the injected <see cref="TimeProvider"/>)
/// until the next post is due, at most the poll interval. Stops when the host stops; a failed pass is logged and retried.
/// </summary>
public sealed class DailyScheduler(
    DailyPostRunner runner,
    TimeProvider time,
    IOptions<SchedulerOptions> options,
    ILogger<DailyScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await runner.RunDueAsync(stoppingToken);
                await runner.PruneAsync(stoppingToken);
                delay = await runner.DelayUntilNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Storage trouble must not end the daily posts for good; the pass is retried after a pause.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "A scheduler pass failed; trying again in {Delay}", options.Value.ErrorDelay);
                delay = options.Value.ErrorDelay;
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }
}

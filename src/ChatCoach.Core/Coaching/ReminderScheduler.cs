using ChatCoach.Core.DailyPosts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Coaching;

/// <summary>Runs <see cref="ReminderRunner"/> passes, sleeping on the injected clock until the next one is due (at most the poll interval).</summary>
public sealed class ReminderScheduler(
    ReminderRunner runner,
    TimeProvider time,
    IOptions<SchedulerOptions> options,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await runner.RunDueAsync(stoppingToken);
                delay = await runner.DelayUntilNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Storage trouble must not end reminders for good; the pass is retried after a pause.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "A reminder pass failed; trying again in {Delay}", options.Value.ErrorDelay);
                delay = options.Value.ErrorDelay;
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }
}

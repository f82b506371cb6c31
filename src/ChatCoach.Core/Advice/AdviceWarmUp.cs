using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Warms the advice engine in the background once the host starts: <see cref="StartAsync"/> returns at once, so the
/// chat adapters start without waiting for the sentence model; a question asked meanwhile waits for the model only
/// as long as loading still takes.
/// </summary>
public sealed class AdviceWarmUp(AdviceEngine engine, ILogger<AdviceWarmUp> logger) : IHostedService
{
    private Task _warming = Task.CompletedTask;

    /// <summary>The warm-up under way (for tests).</summary>
    internal Task Warming => _warming;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(() =>
        {
            try
            {
                var started = TimeProvider.System.GetTimestamp();
                if (StartupTrace.Enabled)
                {
                    DeferredMiniLmEmbedder.Load();
                    StartupTrace.Mark("sentence model loaded");
                }

                engine.WarmUp();
                StartupTrace.Mark("advice engine warmed up");
                MemoryTrim.AfterStartUp();
                StartupTrace.Mark("start-up memory trimmed");
                logger.LogInformation("Advice engine warmed up in {Milliseconds:F0} ms", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The first question then loads the model itself and reports the problem as it answers.
                logger.LogWarning(ex, "Advice engine warm-up failed");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A stop waits for a warm-up still running, but never past the host's shutdown timeout, and never fails.
        try
        {
            await _warming.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

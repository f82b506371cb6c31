using ChatCoach.Discord.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// Runs the Discord adapter: finds the gateway, keeps the session alive and hands events to the handler.
/// A fatal problem (bad token, disallowed intents) ends this service with one log line; the host keeps running.
/// </summary>
internal sealed class DiscordAdapterService(
    DiscordRestClient rest,
    DiscordGatewayClient gateway,
    DiscordEventHandler events,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordAdapterService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the adapter has stopped by itself (fatal close code or rejected token).</summary>
    public Task Stopped => _stopped.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, rest.Stopped);
        try
        {
            var url = options.Value.GatewayUrl is { Length: > 0 } configured ? configured : await FindGatewayAsync(linked.Token);
            await gateway.RunAsync(url, events.OnDispatchAsync, linked.Token);
            _stopped.TrySetResult();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && (ex is DiscordUnauthorizedException || rest.Stopped.IsCancellationRequested))
        {
            logger.LogError("Discord rejected the bot token (401 Unauthorized); the Discord adapter has stopped, the rest of ChatCoach keeps running. Check Discord:Token");
            _stopped.TrySetResult();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The Discord adapter failed and has stopped; the rest of ChatCoach keeps running");
            _stopped.TrySetResult();
        }
        finally
        {
            await events.DrainAsync().ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task<string> FindGatewayAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var response = await rest.GetAsync("/gateway/bot", cancellationToken);
            if (response.IsSuccess)
            {
                var info = response.Read<GatewayBotResponse>();
                if (info.SessionStartLimit is { Remaining: <= 0 } limit)
                {
                    // Identifying past the daily limit gets the token reset; wait for the window instead.
                    var wait = TimeSpan.FromMilliseconds(Math.Max(limit.ResetAfter, 1000));
                    logger.LogWarning("Discord: no session starts left today (limit {Total}); waiting {Wait} before connecting", limit.Total, wait);
                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }

                return info.Url;
            }

            var delay = options.Value.ReconnectMinDelay * Math.Pow(2, Math.Min(failures++, 6));
            if (delay > options.Value.ReconnectMaxDelay)
            {
                delay = options.Value.ReconnectMaxDelay;
            }

            logger.LogWarning("Discord: GET /gateway/bot failed ({Error}); trying again in {Delay}", response.Describe(), delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }
}

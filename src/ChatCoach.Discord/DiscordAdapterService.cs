using ChatCoach.Discord.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// Runs the Discord adapter: finds the gateway, keeps the session alive and hands events to the handler.
/// A fatal problem (bad token, disallowed intents) ends this service with one log line; the host keeps running.
/// On stop the gateway stops receiving at once; answers already being worked on (interaction follow-ups, replies)
/// are still sent until the host's shutdown timeout, and any left then are logged as lost.
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
            var (url, maxConcurrency) = options.Value.GatewayUrl is { Length: > 0 } configured ? (configured, 1) : await FindGatewayAsync(linked.Token);
            await gateway.RunAsync(url, events.OnDispatchAsync, linked.Token, maxConcurrency);
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
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // First the gateway stops receiving; then the answers already under way get until the host's shutdown timeout
        // (which cancels this token), and whatever is still unsent then is abandoned and logged as lost.
        await base.StopAsync(cancellationToken);
        var drain = events.DrainAsync();
        if (await Task.WhenAny(drain, Task.Delay(Timeout.Infinite, cancellationToken)) != drain)
        {
            events.Abandon();
            await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        }
    }

    private async Task<(string Url, int MaxConcurrency)> FindGatewayAsync(CancellationToken cancellationToken)
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

                if (info.Shards > options.Value.ShardCount)
                {
                    logger.LogWarning(
                        "Discord recommends {Shards} shards for this bot, Discord:ShardCount is {ShardCount}; run more shards before Discord requires them (close code 4011)",
                        info.Shards,
                        options.Value.ShardCount);
                }

                return (info.Url, info.SessionStartLimit?.MaxConcurrency ?? 1);
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

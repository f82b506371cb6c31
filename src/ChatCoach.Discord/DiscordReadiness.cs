using ChatCoach.Core.Operations;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// The Discord adapter's readiness: this process's shard is connected while its gateway session is ready, not
/// before the first READY, not while reconnecting, not once the adapter has stopped. Each shard process reports its own.
/// </summary>
internal sealed class DiscordReadiness(DiscordGatewayClient gateway, DiscordAdapterService service, IOptions<DiscordOptions> options) : IAdapterReadiness
{
    public string Platform => "discord";

    public bool IsReady => gateway.IsConnected && !service.Stopped.IsCompleted;

    public string Status => $"shard {options.Value.ShardId}/{options.Value.ShardCount} " + (
        service.Stopped.IsCompleted ? "stopped"
        : gateway.IsConnected ? "connected"
        : gateway.HasBeenReady ? "reconnecting"
        : "connecting");
}

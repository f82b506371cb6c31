using ChatCoach.Core.Operations;
using ChatCoach.Discord.Client;

namespace ChatCoach.Discord;

/// <summary>The Discord adapter's readiness: connected while the gateway session is ready, not once the adapter has stopped.</summary>
internal sealed class DiscordReadiness(DiscordGatewayClient gateway, DiscordAdapterService service) : IAdapterReadiness
{
    public string Platform => "discord";

    public bool IsReady => gateway.IsConnected && !service.Stopped.IsCompleted;

    public string Status => service.Stopped.IsCompleted ? "stopped" : gateway.IsConnected ? "connected" : "connecting";
}

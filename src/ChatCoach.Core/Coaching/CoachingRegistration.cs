using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Coaching;

public static class CoachingRegistration
{
    /// <summary>Pain check-ins and the personal adjustments. Needs <see cref="ICheckInStore"/> from storage and <c>AddRoutines</c>.</summary>
    public static IHostApplicationBuilder AddCoaching(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PersonZones>();
        builder.Services.TryAddSingleton<CoachingService>();
        builder.Services.AddCommandHandler<PainHandler>();
        return builder;
    }
}

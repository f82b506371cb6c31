using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Coaching;

public static class CoachingRegistration
{
    /// <summary>Pain check-ins, the personal adjustments and injury pauses. Needs <see cref="ICheckInStore"/>, <see cref="Streaks.IPauseStore"/>, <see cref="IProgressionStore"/> from storage and <c>AddRoutines</c>.</summary>
    public static IHostApplicationBuilder AddCoaching(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PersonClock>();
        builder.Services.TryAddSingleton<CoachingService>();
        builder.Services.TryAddSingleton<PauseService>();
        builder.Services.TryAddSingleton<WeeklyTargetService>();
        builder.Services.TryAddSingleton<ProgressionService>();
        builder.Services.TryAddSingleton<ProgressService>();
        builder.Services.AddCommandHandler<ProgressHandler>();
        builder.Services.AddCommandHandler<PainHandler>();
        builder.Services.AddCommandHandler<PauseHandler>();
        builder.Services.AddCommandHandler<ResumeHandler>();
        return builder;
    }

    /// <summary>
    /// <c>/remind</c> and the reminder scheduler. Needs <see cref="IReminderStore"/> from storage, <c>AddRoutines</c>
    /// (the scheduler options) and the chat senders of the adapters.
    /// </summary>
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PersonClock>();
        builder.Services.TryAddSingleton<ReminderService>();
        builder.Services.TryAddSingleton<ReminderRunner>();
        builder.Services.AddHostedService<ReminderScheduler>();
        builder.Services.AddCommandHandler<ReminderHandler>();
        return builder;
    }
}

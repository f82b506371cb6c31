using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Routines;

public static class RoutineRegistration
{
    /// <summary>The exercise catalogue, the planner, routine/subscribe/unsubscribe and the daily scheduler.</summary>
    /// <remarks>Needs <see cref="Storage.IPersonStore"/>, <see cref="ISubscriptionStore"/> and <see cref="IDeliveryLog"/> from storage.</remarks>
    public static IHostApplicationBuilder AddRoutines(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SchedulerOptions>()
            .BindConfiguration(SchedulerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RoutineOptions>()
            .BindConfiguration(RoutineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutineOptions>, CatalogValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => LoadCatalog(sp.GetRequiredService<IOptions<RoutineOptions>>().Value));
        services.TryAddSingleton<RoutinePlanner>();
        services.TryAddSingleton<PersonClock>();
        services.TryAddSingleton<DailyPostRunner>();
        services.AddHostedService<DailyScheduler>();
        services.AddCommandHandler<RoutineHandler>();
        services.AddSingleton<IStartPayloadHandler>(sp => sp.GetRequiredService<RoutineHandler>());
        services.AddCommandHandler<SubscribeHandler>();
        services.AddCommandHandler<UnsubscribeHandler>();
        return builder;
    }

    /// <summary>The one place the catalogue is parsed; a broken file stops the start as a configuration error naming it.</summary>
    private static ExerciseCatalog LoadCatalog(RoutineOptions options)
    {
        try
        {
            return ExerciseCatalog.Load(options.FullCatalogPath);
        }
        catch (InvalidDataException ex)
        {
            throw new OptionsValidationException(RoutineOptions.SectionName, typeof(RoutineOptions), [$"Routines:CatalogPath: {ex.Message}"]);
        }
    }
}

using System.Diagnostics.Metrics;
using ChatCoach.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Conversation;

public static class ConversationRegistration
{
    /// <summary>The router, the command catalog and <c>/help</c>; each feature adds its own handlers.</summary>
    public static IHostApplicationBuilder AddConversation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp => new ChatCoachMetrics(sp.GetService<IMeterFactory>()));
        builder.Services.TryAddSingleton<CommandRouter>();
        builder.Services.TryAddSingleton<ICommandCatalog>(sp => sp.GetRequiredService<CommandRouter>());
        builder.Services.TryAddSingleton<People.PersonCultures>();
        builder.Services.AddCommandHandler<HelpHandler>();
        return builder;
    }

    public static IServiceCollection AddCommandHandler<THandler>(this IServiceCollection services)
        where THandler : class, ICommandHandler
    {
        services.TryAddSingleton<THandler>();
        services.AddSingleton<ICommandHandler>(sp => sp.GetRequiredService<THandler>());
        return services;
    }
}

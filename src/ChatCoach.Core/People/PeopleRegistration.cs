using ChatCoach.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.People;

public static class PeopleRegistration
{
    /// <summary>Linked accounts (resolved by the router before every handler), <c>/mydata</c> and <c>/forget</c>. Needs <see cref="IAccountLinkStore"/> and the streak and coaching stores from storage.</summary>
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PersonGate>();
        builder.Services.TryAddSingleton<PersonResolver>();
        builder.Services.TryAddSingleton<PersonData>();
        builder.Services.TryAddSingleton<PeopleService>();
        builder.Services.TryAddSingleton<PersonExport>();
        builder.Services.AddCommandHandler<LinkHandler>();
        builder.Services.AddCommandHandler<UnlinkHandler>();
        builder.Services.AddCommandHandler<WhoAmIHandler>();
        builder.Services.AddCommandHandler<MyDataHandler>();
        builder.Services.AddCommandHandler<ForgetHandler>();
        builder.Services.AddCommandHandler<LanguageHandler>();
        return builder;
    }
}

using ChatCoach.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Advice;

public static class AdviceRegistration
{
    /// <summary>The knowledge base, the advice engine and the ask command.</summary>
    public static IHostApplicationBuilder AddAdviceEngine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            try
            {
                return new AdviceEngine(KnowledgeBaseLoader.Load(options.Path, options.ResolveSourcesFile()));
            }
            catch (KnowledgeBaseException ex)
            {
                // The validator normally reports this at start; a file changed since then still gets one clear line.
                throw new OptionsValidationException(KnowledgeOptions.SectionName, typeof(KnowledgeOptions), [ex.Message]);
            }
        });
        builder.Services.TryAddSingleton<IAdviceEngine>(sp => sp.GetRequiredService<AdviceEngine>());
        builder.Services.AddCommandHandler<AskHandler>();
        return builder;
    }
}

using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Operations;
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
        builder.Services.TryAddSingleton(sp => LoadEngine(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value));
        builder.Services.TryAddSingleton(sp => LoadChineseEngine(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value, sp.GetRequiredService<AdviceEngine>().Knowledge));
        builder.Services.TryAddSingleton<IAdviceEngine>(sp => new LanguageAdviceEngine(sp.GetRequiredService<AdviceEngine>(), sp.GetRequiredService<ChineseAdviceEngine>()));
        builder.Services.AddCommandHandler<AskHandler>();
        builder.Services.AddHostedService<AdviceWarmUp>();
        return builder;
    }

    /// <summary>
    /// The one place the knowledge base is loaded. The engine is built while the host starts (the router needs it), so a
    /// malformed entry stops the start here, as a configuration error naming the file rather than a stack trace.
    /// </summary>
    internal static AdviceEngine LoadEngine(KnowledgeOptions options)
    {
        try
        {
            Semantic.MiniLmEmbedder.EnsureFilesExist();
            var engine = new AdviceEngine(KnowledgeBaseLoader.Load(options.FullPath, options.ResolveSourcesFile()));
            StartupTrace.Mark("English advice engine built");
            return engine;
        }
        catch (Exception ex) when (ex is KnowledgeBaseException or FileNotFoundException)
        {
            throw new OptionsValidationException(KnowledgeOptions.SectionName, typeof(KnowledgeOptions), [ex.Message]);
        }
    }

    /// <summary>The Chinese entries (<c>zh/</c> under the knowledge base), paired with the English ones by id.</summary>
    internal static ChineseAdviceEngine LoadChineseEngine(KnowledgeOptions options, KnowledgeBase english)
    {
        try
        {
            // Building the index on the first Chinese question leaves its garbage and a grown GC budget behind (idle
            // RSS 168 -> 217 MB): the same one trim as after start-up, off the answering thread.
            var engine = new ChineseAdviceEngine(ChineseKnowledge.Load(options.FullPath, english), static () => Task.Run(MemoryTrim.AfterStartUp));
            StartupTrace.Mark("Chinese knowledge read (its index waits for the first Chinese question)");
            return engine;
        }
        catch (KnowledgeBaseException ex)
        {
            throw new OptionsValidationException(KnowledgeOptions.SectionName, typeof(KnowledgeOptions), [ex.Message]);
        }
    }
}

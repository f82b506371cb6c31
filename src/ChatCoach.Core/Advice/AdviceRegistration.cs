using Microsoft.Extensions.Hosting;

namespace ChatCoach.Core.Advice;

public static class AdviceRegistration
{
    /// <summary>The knowledge base, the advice engine and the ask command.</summary>
    public static IHostApplicationBuilder AddAdviceEngine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}

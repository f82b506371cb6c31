using ChatCoach.Core.Coaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Charts;

public static class ChartRegistration
{
    /// <summary>The ScottPlot chart behind <c>/progress</c> (without it the command answers in text only).</summary>
    public static IHostApplicationBuilder AddProgressChart(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IProgressChart>(_ => new ScottPlotProgressChart());
        return builder;
    }
}

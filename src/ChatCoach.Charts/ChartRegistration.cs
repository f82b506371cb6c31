using System.Globalization;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
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
        builder.Services.TryAddSingleton<IProgressChart>(_ => new ProgressChartOnFirstUse(() => new ScottPlotProgressChart()));
        return builder;
    }
}

/// <summary>
/// A chart made for the first <c>/progress</c>, not when the command handlers are built at start (issue 9): making
/// the ScottPlot chart loads SkiaSharp's native library and the three font files, ~6 MB resident that an idle bot
/// nobody asks for a chart need not carry. Made once, however many charts are asked for together.
/// </summary>
public sealed class ProgressChartOnFirstUse(Func<IProgressChart> create) : IProgressChart
{
    private readonly Lazy<IProgressChart> _chart = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the chart has been made.</summary>
    public bool IsCreated => _chart.IsValueCreated;

    public ReplyAttachment Render(ProgressData data, CultureInfo culture) => _chart.Value.Render(data, culture);
}

using System.Globalization;
using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>The ScottPlot chart is made for the first /progress, not when the host builds its handlers (issue 9).</summary>
public sealed class ProgressChartOnFirstUseTests
{
    private static readonly ProgressData Data = new(
        new LocalDate(2026, 3, 25),
        Enumerable.Range(0, 8).Select(w => new WeekProgress(new LocalDate(2026, 2, 2).PlusWeeks(w), w % 4, w % 3, 3)).ToArray(),
        []);

    [Fact]
    public async Task Render_ManyAtOnce_MakesTheChartOnceAndDrawsAsTheChartItself()
    {
        var made = 0;
        var chart = new ProgressChartOnFirstUse(() =>
        {
            Interlocked.Increment(ref made);
            return new ScottPlotProgressChart();
        });
        var culture = CultureInfo.GetCultureInfo("en-GB");
        using var start = new ManualResetEventSlim();

        var renders = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return chart.Render(Data, culture);
        })).ToArray();
        start.Set();
        var images = await Task.WhenAll(renders);

        Assert.True(chart.IsCreated);
        Assert.Equal(1, made);
        var direct = new ScottPlotProgressChart().Render(Data, culture);
        Assert.All(images, image => Assert.Equal((direct.FileName, direct.MediaType, direct.Width, direct.Height, direct.AltText), (image.FileName, image.MediaType, image.Width, image.Height, image.AltText)));
    }
}

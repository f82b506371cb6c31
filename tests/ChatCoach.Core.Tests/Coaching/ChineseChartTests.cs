using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using NodaTime;
using ScottPlot;
using SkiaSharp;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>The chart can letter Chinese: the CJK font in data/fonts is chosen and its glyphs drawn, not boxes.</summary>
public sealed class ChineseChartTests
{
    private const string ChineseTitle = "你最近八周的进度"; // eight characters
    private const string MissingGlyphs = "\uE000\uE001\uE002\uE003\uE004\uE005\uE006\uE007"; // private use: in no font here

    private static readonly ProgressData Data = new(
        new LocalDate(2026, 3, 25),
        [.. Enumerable.Range(0, 8).Select(i => new WeekProgress(new LocalDate(2026, 2, 2).PlusWeeks(i), i % 4, i % 3, 3))],
        []);

    [Fact]
    public void FontFor_LatinOrChinese_DejaVuForLatinTheCjkFontForChinese()
    {
        _ = new ScottPlotProgressChart();

        Assert.Equal(ScottPlotProgressChart.FontName, ScottPlotProgressChart.FontFor(["Your last 8 weeks", "knee pain (0–10)"]));
        Assert.Equal(ScottPlotProgressChart.CjkFontName, ScottPlotProgressChart.FontFor(["days done", ChineseTitle]));
        using var cjk = new SKFont(Fonts.GetTypeface(ScottPlotProgressChart.CjkFontName, bold: true, italic: false));
        Assert.True(cjk.ContainsGlyphs(ChineseTitle + "完成天数力量训练膝盖疼痛开始的周"));
        Assert.False(cjk.ContainsGlyphs(MissingGlyphs));
    }

    [Fact]
    public void Render_ChineseTitleAndLabels_GlyphsDrawnNotTheMissingGlyphBox()
    {
        var chart = new ScottPlotProgressChart();
        ProgressChartText Words(string title, string label) => new(title, label, label, label, label, label, label);

        var chinese = chart.Render(Data, Words(ChineseTitle, "膝盖疼痛"));
        var missing = chart.Render(Data, Words(MissingGlyphs, "\uE010\uE011\uE012\uE013"));

        using var drawn = SKBitmap.Decode(chinese.Content.ToArray());
        using var boxes = SKBitmap.Decode(missing.Content.ToArray());
        Assert.Equal((800, 450), (drawn.Width, drawn.Height));

        // Same number of characters in the same places: if the Chinese were missing-glyph boxes, the pictures would match.
        var differing = 0;
        for (var y = 0; y < 450; y++)
        {
            for (var x = 0; x < 800; x++)
            {
                differing += drawn.GetPixel(x, y) == boxes.GetPixel(x, y) ? 0 : 1;
            }
        }

        Assert.True(differing > 500, $"only {differing} pixels differ: the Chinese text looks like missing-glyph boxes");
    }
}

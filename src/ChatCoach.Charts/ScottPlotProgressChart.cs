using System.Globalization;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ScottPlot;

namespace ChatCoach.Charts;

/// <summary>
/// The <c>/progress</c> chart with ScottPlot: per week, bars for days done and strength sessions (left axis, 0–7), and
/// the knee check-ins as points on a line (right axis, 0–10). Sized and lettered for a phone (800×450, large labels),
/// in Okabe–Ito colours, which colour-blind readers can tell apart, and drawn with the fonts shipped in
/// <c>data/fonts</c>, so the text does not depend on the fonts installed on the server: DejaVu Sans, or Droid Sans
/// Fallback when the words hold characters DejaVu lacks (Chinese).
/// </summary>
public sealed class ScottPlotProgressChart : IProgressChart
{
    public const int Width = 800;
    public const int Height = 450;
    public const string FontName = "DejaVu Sans";
    public const string CjkFontName = "Droid Sans Fallback";

    private static readonly Color Blue = Color.FromHex("#0072B2");
    private static readonly Color Orange = Color.FromHex("#E69F00");
    private static readonly Color Vermillion = Color.FromHex("#D55E00");

    // ScottPlot's font registry is process-wide: the font files are added once.
    private static readonly Lock FontLock = new();
    private static bool s_fontsAdded;

    public ScottPlotProgressChart(string? fontDirectory = null)
    {
        var directory = fontDirectory ?? Path.Combine(AppContext.BaseDirectory, "data", "fonts");
        lock (FontLock)
        {
            if (!s_fontsAdded)
            {
                Fonts.AddFontFile(FontName, Path.Combine(directory, "DejaVuSans.ttf"), bold: false, italic: false);
                Fonts.AddFontFile(FontName, Path.Combine(directory, "DejaVuSans-Bold.ttf"), bold: true, italic: false);

                // Droid Sans Fallback has no bold face: the title asks for bold and gets the regular one.
                Fonts.AddFontFile(CjkFontName, Path.Combine(directory, "DroidSansFallbackFull.ttf"), bold: false, italic: false);
                Fonts.AddFontFile(CjkFontName, Path.Combine(directory, "DroidSansFallbackFull.ttf"), bold: true, italic: false);
                s_fontsAdded = true;
            }
        }
    }

    /// <summary>The chart in English.</summary>
    public ReplyAttachment Render(ProgressData data) => Render(data, Languages.EnglishCulture);

    /// <summary>The chart in the culture's words, its week labels and alt text dated by the culture.</summary>
    public ReplyAttachment Render(ProgressData data, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(culture);
        return Render(data, ProgressChartText.In(data.Weeks.Count, culture), culture);
    }

    /// <summary>DejaVu Sans when it has a glyph for every character of <paramref name="texts"/>, else the CJK font.</summary>
    public static string FontFor(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var font = new SkiaSharp.SKFont(Fonts.GetTypeface(FontName, bold: false, italic: false));
        return texts.All(t => font.ContainsGlyphs(t)) ? FontName : CjkFontName;
    }

    public ReplyAttachment Render(ProgressData data, ProgressChartText text) => Render(data, text, Languages.EnglishCulture);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "It needs the fonts the constructor registers.")]
    private ReplyAttachment Render(ProgressData data, ProgressChartText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        var plot = new Plot();
        try
        {
            plot.Font.Set(FontFor(text.All));
            var bars = new List<Bar>();
            for (var i = 0; i < data.Weeks.Count; i++)
            {
                bars.Add(new Bar { Position = i - 0.19, Value = data.Weeks[i].DaysDone, FillColor = Blue, Size = 0.36, LineWidth = 0 });
                bars.Add(new Bar { Position = i + 0.19, Value = data.Weeks[i].StrengthSessions, FillColor = Orange, Size = 0.36, LineWidth = 0 });
            }

            plot.Add.Bars(bars);

            if (data.CheckIns.Count > 0)
            {
                // A check-in sits inside its week's slot: Monday on the left, Sunday on the right.
                var xs = data.CheckIns.Select(c => (NodaTime.Period.DaysBetween(data.First, c.Date) / 7) - 0.43 + (((int)c.Date.DayOfWeek - 1) * 0.86 / 6)).ToArray();
                var ys = data.CheckIns.Select(c => (double)c.Score).ToArray();
                var pain = plot.Add.Scatter(xs, ys, Vermillion);
                pain.LineWidth = 2;
                pain.MarkerSize = 11;
                pain.MarkerShape = MarkerShape.FilledDiamond;
                pain.Axes.YAxis = plot.Axes.Right;
            }

            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [.. Enumerable.Range(0, data.Weeks.Count).Select(i => (double)i)],
                [.. data.Weeks.Select(w => ChatTexts.ShortDay(w.WeekStart, culture))]);
            plot.Axes.SetLimitsX(-0.6, data.Weeks.Count - 0.4);
            plot.Axes.SetLimitsY(0, 10.7, plot.Axes.Left); // headroom above a full week (7) for the legend
            plot.Axes.SetLimitsY(0, 10.7, plot.Axes.Right);
            plot.Axes.Left.Label.Text = text.LeftAxis;
            plot.Axes.Right.Label.Text = text.RightAxis;
            plot.Axes.Right.Label.ForeColor = Vermillion;
            plot.Axes.Bottom.Label.Text = text.BottomAxis;
            plot.Title(text.Title, 22);
            foreach (ScottPlot.IAxis axis in (ScottPlot.IAxis[])[plot.Axes.Left, plot.Axes.Right, plot.Axes.Bottom])
            {
                axis.Label.FontSize = 18;
                axis.TickLabelStyle.FontSize = 16;
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text.DaysDone, FillColor = Blue });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text.StrengthSessions, FillColor = Orange });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = text.KneePain, LineColor = Vermillion, MarkerColor = Vermillion, MarkerShape = MarkerShape.FilledDiamond, LineWidth = 2 });
            plot.Legend.FontSize = 16;
            plot.ShowLegend(Alignment.UpperLeft);

            var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
            var alt = CoachingTexts.Format(
                "chart.alt",
                culture,
                ChatTexts.ShortDay(data.First, culture),
                ChatTexts.ShortDay(data.Today, culture),
                string.Join(", ", data.Weeks.Select(w => w.DaysDone)),
                string.Join(", ", data.Weeks.Select(w => w.StrengthSessions)),
                data.CheckIns.Count);
            return ReplyAttachment.Png(png, string.Create(CultureInfo.InvariantCulture, $"progress-{data.Today:yyyy-MM-dd}.png"), Width, Height, alt);
        }
        finally
        {
            plot.Dispose();
        }
    }
}

using System.Globalization;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ScottPlot;

namespace ChatCoach.Charts;

/// <summary>
/// The <c>/progress</c> chart with ScottPlot: per week, bars for days done and strength sessions (left axis, 0–7), and
/// the knee check-ins as points on a line (right axis, 0–10). Sized and lettered for a phone (800×450, large labels),
/// in Okabe–Ito colours, which colour-blind readers can tell apart, and drawn with the DejaVu Sans font shipped in
/// <c>data/fonts</c>, so the text does not depend on the fonts installed on the server.
/// </summary>
public sealed class ScottPlotProgressChart : IProgressChart
{
    public const int Width = 800;
    public const int Height = 450;
    public const string FontName = "DejaVu Sans";

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
                s_fontsAdded = true;
            }
        }
    }

    public ReplyAttachment Render(ProgressData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var culture = CultureInfo.InvariantCulture;
        var plot = new Plot();
        try
        {
            plot.Font.Set(FontName);
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
                [.. data.Weeks.Select(w => w.WeekStart.ToString("d MMM", culture))]);
            plot.Axes.SetLimitsX(-0.6, data.Weeks.Count - 0.4);
            plot.Axes.SetLimitsY(0, 10.7, plot.Axes.Left); // headroom above a full week (7) for the legend
            plot.Axes.SetLimitsY(0, 10.7, plot.Axes.Right);
            plot.Axes.Left.Label.Text = "days / sessions per week";
            plot.Axes.Right.Label.Text = "knee pain (0–10)";
            plot.Axes.Right.Label.ForeColor = Vermillion;
            plot.Axes.Bottom.Label.Text = "week starting";
            plot.Title(string.Create(culture, $"Your last {data.Weeks.Count} weeks: days done, strength sessions, knee pain"), 22);
            foreach (ScottPlot.IAxis axis in (ScottPlot.IAxis[])[plot.Axes.Left, plot.Axes.Right, plot.Axes.Bottom])
            {
                axis.Label.FontSize = 18;
                axis.TickLabelStyle.FontSize = 16;
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "days done", FillColor = Blue });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "strength sessions", FillColor = Orange });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "knee pain", LineColor = Vermillion, MarkerColor = Vermillion, MarkerShape = MarkerShape.FilledDiamond, LineWidth = 2 });
            plot.Legend.FontSize = 16;
            plot.ShowLegend(Alignment.UpperLeft);

            var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
            var alt = string.Create(culture, $"Chart of the weeks from {data.First:d MMM} to {data.Today:d MMM}: days done {string.Join(", ", data.Weeks.Select(w => w.DaysDone))}; strength sessions {string.Join(", ", data.Weeks.Select(w => w.StrengthSessions))}; {data.CheckIns.Count} knee check-ins.");
            return ReplyAttachment.Png(png, string.Create(culture, $"progress-{data.Today:yyyy-MM-dd}.png"), Width, Height, alt);
        }
        finally
        {
            plot.Dispose();
        }
    }
}

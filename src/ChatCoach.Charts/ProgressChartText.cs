using System.Globalization;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.People;

namespace ChatCoach.Charts;

/// <summary>
/// The words on the <c>/progress</c> chart. English by default; a translation passes its own (any script the chart's
/// fonts cover: Latin, Greek and Cyrillic in DejaVu Sans, Chinese and Japanese in Droid Sans Fallback).
/// </summary>
public sealed record ProgressChartText(
    string Title,
    string LeftAxis = "days / sessions per week",
    string RightAxis = "knee pain (0–10)",
    string BottomAxis = "week starting",
    string DaysDone = "days done",
    string StrengthSessions = "strength sessions",
    string KneePain = "knee pain")
{
    public static ProgressChartText English(int weeks) => In(weeks, Languages.EnglishCulture);

    /// <summary>The chart's words in the culture's language (the coaching texts' <c>chart.*</c>).</summary>
    public static ProgressChartText In(int weeks, CultureInfo culture) => new(
        CoachingTexts.Format("chart.title", culture, weeks),
        CoachingTexts.Get("chart.axis.left", culture),
        CoachingTexts.Get("chart.axis.right", culture),
        CoachingTexts.Get("chart.axis.bottom", culture),
        CoachingTexts.Get("chart.legend.days", culture),
        CoachingTexts.Get("chart.legend.strength", culture),
        CoachingTexts.Get("chart.legend.pain", culture));

    public IEnumerable<string> All => [Title, LeftAxis, RightAxis, BottomAxis, DaysDone, StrengthSessions, KneePain];
}

using System.Globalization;

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
    public static ProgressChartText English(int weeks) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Your last {weeks} weeks: days done, strength sessions, knee pain"));

    public IEnumerable<string> All => [Title, LeftAxis, RightAxis, BottomAxis, DaysDone, StrengthSessions, KneePain];
}

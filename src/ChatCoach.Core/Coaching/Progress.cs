using System.Globalization;
using System.Text;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>One Monday-based week of a person's progress.</summary>
/// <param name="DaysDone">Completed days (0–7).</param>
/// <param name="StrengthSessions">Completed days that were not gentler days (see <see cref="WeeklyTarget"/>).</param>
/// <param name="Target">That week's strength target (lower with paused days, 0 when fully paused).</param>
public sealed record WeekProgress(LocalDate WeekStart, int DaysDone, int StrengthSessions, int Target);

/// <summary>What <c>/progress</c> shows: the last <see cref="ProgressService.Weeks"/> weeks and the check-ins in them.</summary>
public sealed record ProgressData(LocalDate Today, IReadOnlyList<WeekProgress> Weeks, IReadOnlyList<PainCheckIn> CheckIns)
{
    public LocalDate First => Weeks[0].WeekStart;
}

/// <summary>Draws the progress chart; the host registers one (ScottPlot in <c>ChatCoach.Charts</c>). Without it <c>/progress</c> is text only.</summary>
public interface IProgressChart
{
    /// <summary>The chart with its title, axes, legend, week labels and alt text in the culture's words.</summary>
    ReplyAttachment Render(ProgressData data, CultureInfo culture);
}

/// <summary>Reads a person's last eight weeks in their zone.</summary>
public sealed class ProgressService(ICompletionStore completions, ICheckInStore checkIns, PersonClock clock, IPauseStore? pauses = null)
{
    public const int Weeks = 8;

    public async Task<ProgressData> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var today = await clock.TodayAsync(person, cancellationToken);
        var first = WeeklyTarget.WeekStart(today).PlusWeeks(1 - Weeks);
        var done = await completions.GetDatesAsync(person, first, today, cancellationToken);
        var pain = await checkIns.GetRangeAsync(person, first.PlusDays(-AdaptationRules.LookBackDays), today, cancellationToken);
        var paused = pauses is null ? [] : (await pauses.GetAsync(person, cancellationToken)).Pauses;
        var weeks = Enumerable.Range(0, Weeks).Select(i =>
        {
            var start = first.PlusWeeks(i);
            var inWeek = done.Where(d => d >= start && d < start.PlusWeeks(1)).ToList();
            return new WeekProgress(start, inWeek.Count, inWeek.Count(d => !AdaptationRules.IsGentleDay(pain, d)), WeeklyTarget.TargetFor(start, [.. paused]));
        }).ToList();
        return new ProgressData(today, weeks, [.. pain.Where(c => c.Date >= first)]);
    }
}

/// <summary>The text form of the progress: a sparkline of days done per week and a few plain lines, for any platform.</summary>
public static class ProgressText
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>One character per week, from ▁ (no day) to █ (all seven).</summary>
    public static string Sparkline(IEnumerable<int> values, int max)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            var step = max <= 0 ? 0 : (int)Math.Round(Math.Clamp(value, 0, max) * (Bars.Length - 1) / (double)max);
            builder.Append(Bars[step]);
        }

        return builder.ToString();
    }

    public static IReadOnlyList<ReplyBlock> Blocks(ProgressData data) => Blocks(data, Languages.EnglishCulture);

    public static IReadOnlyList<ReplyBlock> Blocks(ProgressData data, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(culture);
        var weeks = data.Weeks.Count;
        var met = data.Weeks.Count(w => w.Target > 0 && w.StrengthSessions >= w.Target);
        var lines = new List<string>
        {
            CoachingTexts.Format("progress.days", culture, Sparkline(data.Weeks.Select(w => w.DaysDone), 7), data.Weeks.Sum(w => w.DaysDone), weeks),
            CoachingTexts.Format("progress.strength", culture, string.Join(" ", data.Weeks.Select(w => w.StrengthSessions)), met, weeks),
        };
        if (data.CheckIns.Count == 0)
        {
            lines.Add(CoachingTexts.Get("progress.pain.none", culture));
        }
        else
        {
            var recent = data.CheckIns.TakeLast(Math.Min(10, data.CheckIns.Count)).ToList();
            lines.Add(CoachingTexts.Format(
                "progress.pain",
                culture,
                data.CheckIns.Count,
                data.CheckIns.Average(c => c.Score),
                string.Join(" ", recent.Select(c => c.Score)),
                Sparkline(recent.Select(c => c.Score), 10)));
        }

        return
        [
            new Paragraph(CoachingTexts.Format("progress.range", culture, weeks, ChatTexts.ShortDay(data.First, culture), ChatTexts.ShortDay(data.Today, culture))),
            new BulletList(lines),
        ];
    }
}

/// <summary><c>/progress</c>: a chart of the last eight weeks (where the platform takes images) and the same in text. Health data: direct chats only.</summary>
public sealed class ProgressHandler(ProgressService progress, IProgressChart? chart = null, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "progress";

    public string Usage => "progress";

    public string Description => "A chart of your last 8 weeks: days done, strength sessions and knee check-ins";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await CoachingTexts.CultureOfAsync(cultures, request.Message, cancellationToken);
        if (!request.Message.IsDirect)
        {
            return new Reply
            {
                Title = CoachingTexts.Get("progress.group.title", culture),
                Blocks = [new Paragraph(CoachingTexts.Get("progress.group", culture))],
                IsPrivate = true,
            };
        }

        var data = await progress.GetAsync(request.Message.Person, cancellationToken);
        return new Reply
        {
            Title = CoachingTexts.Get("progress.title", culture),
            Blocks = ProgressText.Blocks(data, culture),
            Attachment = chart?.Render(data, culture),
            IsPrivate = true,
        };
    }
}

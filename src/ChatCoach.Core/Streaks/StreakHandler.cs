using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Streaks;

/// <summary><c>/streak</c>: current and longest streak, total days, freezes and the last seven days at a glance.</summary>
public sealed class StreakHandler(StreakService streaks, WeeklyTargetService? weekly = null, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "streak";

    public string Usage => "streak";

    public string Description => "Your current and longest streak, freezes and the last 7 days";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = await streaks.GetAsync(request.Message.Person, cancellationToken);
        var culture = cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(request.Message, cancellationToken);
        var standing = view.Standing;
        var strip = string.Concat(view.LastDays.Select(d => d switch
        {
            DayMark.Done => "✅",
            DayMark.Frozen => "❄️",
            DayMark.Paused => "⏸️",
            _ => "⬜",
        }));

        var blocks = new List<ReplyBlock>();
        if (standing.Total == 0)
        {
            blocks.Add(new Paragraph(ChatTexts.Get("streak.none", culture)));
        }
        else
        {
            blocks.Add(new BulletList(
            [
                ChatTexts.Format(standing.Current > 0 ? "streak.current.fire" : "streak.current", culture, StreakTexts.DaysIn(standing.Current, culture)),
                ChatTexts.Format("streak.longest", culture, StreakTexts.DaysIn(standing.Longest, culture)),
                ChatTexts.Format("streak.total", culture, StreakTexts.DaysIn(standing.Total, culture)),
                ChatTexts.Format("streak.freezes", culture, standing.FreezesHeld, StreakRules.MaxFreezes),
            ]));
            blocks.Add(new Paragraph(ChatTexts.Format("streak.last7", culture, strip)));
            if (view.PausedUntil is { } until)
            {
                blocks.Add(new Paragraph(ChatTexts.Format("streak.paused", culture, ChatTexts.Day(until, culture))));
            }
            else if (standing.YesterdayFrozen)
            {
                blocks.Add(new Paragraph(ChatTexts.Get("streak.missedYesterday", culture)));
            }
            else if (standing.Current > 0 && !standing.CompletedToday)
            {
                blocks.Add(new Paragraph(ChatTexts.Get("streak.notToday", culture)));
            }
        }

        if (weekly is not null && standing.Total > 0)
        {
            var week = await weekly.GetAsync(request.Message.Person, cancellationToken);
            var progress = (week.Target < WeeklyTarget.Target, week.ThisWeek >= week.Target) switch
            {
                (true, true) => "week.progress.reduced.met",
                (true, false) => "week.progress.reduced",
                (false, true) => "week.progress.met",
                _ => "week.progress",
            };
            var thisWeek = week.WeekPaused ? ChatTexts.Get("week.paused", culture) : ChatTexts.Format(progress, culture, week.ThisWeek, week.Target);
            var weeksInARow = ChatTexts.Format("week.streak", culture, StreakTexts.WeeksIn(week.WeeksInARow, culture));
            blocks.Add(new Paragraph(ChatTexts.Format("week.line", culture, thisWeek, weeksInARow)));
        }

        if (!view.HasZone)
        {
            blocks.Add(new Paragraph(ChatTexts.Get("hint.utc", culture)));
        }

        return new Reply { Title = ChatTexts.Get("streak.title", culture), Blocks = blocks, IsPrivate = true };
    }
}

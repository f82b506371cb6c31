using System.Globalization;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary><c>/streak</c>: current and longest streak, total days, freezes and the last seven days at a glance.</summary>
public sealed class StreakHandler(StreakService streaks, WeeklyTargetService? weekly = null) : ICommandHandler
{
    public string Name => "streak";

    public string Usage => "streak";

    public string Description => "Your current and longest streak, freezes and the last 7 days";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = await streaks.GetAsync(request.Message.Person, cancellationToken);
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
            blocks.Add(new Paragraph("No days yet. Do a /routine and press Done to start your streak."));
        }
        else
        {
            blocks.Add(new BulletList(
            [
                $"Current streak: {StreakTexts.Days(standing.Current)}{(standing.Current > 0 ? " 🔥" : "")}",
                $"Longest streak: {StreakTexts.Days(standing.Longest)}",
                $"Total: {StreakTexts.Days(standing.Total)}",
                $"Freezes held: {standing.FreezesHeld} of {StreakRules.MaxFreezes} ❄️",
            ]));
            blocks.Add(new Paragraph($"Last 7 days (oldest first, today last): {strip}"));
            if (view.PausedUntil is { } until)
            {
                blocks.Add(new Paragraph(string.Create(CultureInfo.InvariantCulture, $"Paused until {until:ddd d MMM} ⏸️ — your streak waits; /resume to come back early.")));
            }
            else if (standing.YesterdayFrozen)
            {
                blocks.Add(new Paragraph("You missed yesterday; a freeze covers it if you do today's routine."));
            }
            else if (standing.Current > 0 && !standing.CompletedToday)
            {
                blocks.Add(new Paragraph("Today isn't done yet — press Done after your routine to keep the streak going."));
            }
        }

        if (weekly is not null && standing.Total > 0)
        {
            var week = await weekly.GetAsync(request.Message.Person, cancellationToken);
            var thisWeek = week.WeekPaused
                ? "This week is paused: no strength target."
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"This week: {week.ThisWeek} of {week.Target} strength sessions{(week.Target < WeeklyTarget.Target ? " (fewer because of your pause)" : "")}{(week.ThisWeek >= week.Target ? " 💪" : "")}.");
            blocks.Add(new Paragraph(string.Create(
                CultureInfo.InvariantCulture,
                $"{thisWeek} Weekly streak: {StreakTexts.Weeks(week.WeeksInARow)} in a row with the target met.")));
        }

        if (!view.HasZone)
        {
            blocks.Add(new Paragraph(StreakTexts.UtcHint));
        }

        return new Reply { Title = "Your streak", Blocks = blocks, IsPrivate = true };
    }
}

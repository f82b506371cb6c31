using System.Globalization;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary>
/// <c>/done</c> and the Done button: counts today's routine once per local day, whatever chat or device, and offers the
/// optional pain check-in (with coaching registered).
/// </summary>
public sealed class DoneHandler(StreakService streaks, CoachingService? coaching = null, PauseService? pauses = null, AdviceEngine? advice = null) : ICommandHandler
{
    public string Name => "done";

    public string Usage => "done";

    public string Description => "Mark today's routine as done and grow your streak";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await streaks.RecordDoneAsync(request.Message, cancellationToken);
        if (outcome.PausedUntil is { } until)
        {
            return new Reply
            {
                Title = "Streak paused ⏸️",
                Blocks = [new Paragraph(string.Create(CultureInfo.InvariantCulture, $"Your streak is paused until {until:ddd d MMM}, so today isn't counted. Send /resume to come back early, then press Done."))],
                Notice = string.Create(CultureInfo.InvariantCulture, $"Paused until {until:d MMM}"),
                IsPrivate = true,
            };
        }

        var day = outcome.Standing.Current;
        var blocks = new List<ReplyBlock>();
        if (!outcome.Counted)
        {
            blocks.Add(new Paragraph($"Already counted for today — you're on day {day}."));
        }
        else
        {
            blocks.Add(new Paragraph(day == 1 && outcome.Standing.Total > 1
                ? "Counted — a fresh start, day 1. Every streak starts here."
                : $"Counted — you're on day {day}. Nice work."));
            if (outcome.FreezeSpent)
            {
                blocks.Add(new Paragraph($"A streak freeze ❄️ covered yesterday, so your streak lives on ({StreakTexts.Freezes(outcome.Standing.FreezesHeld)} left)."));
            }

            if (outcome.FreezeEarned)
            {
                blocks.Add(new Paragraph($"You earned a streak freeze ❄️ — it covers one missed day automatically (now holding {StreakTexts.Freezes(outcome.Standing.FreezesHeld)})."));
            }
        }

        if (outcome.Late)
        {
            blocks.Add(new Paragraph(string.Create(CultureInfo.InvariantCulture, $"Your press reached me late (I was offline for a while), so it counts for {outcome.Date:ddd d MMM}, the day you pressed.")));
        }

        if (!outcome.HasZone)
        {
            blocks.Add(new Paragraph(StreakTexts.UtcHint));
        }

        if (coaching is not null)
        {
            if (await coaching.IsGentleTodayAsync(request.Message.Person, cancellationToken))
            {
                blocks.Add(new Paragraph(CoachingTexts.GentleToday));
            }

            blocks.Add(new Paragraph(CoachingTexts.PainQuestion));
        }

        // The first Done after a pause ran out by itself carries the welcome back.
        if (outcome.Counted && pauses is not null && await pauses.TakeWelcomeBackAsync(request.Message.Person, cancellationToken))
        {
            blocks.Add(new Paragraph("Welcome back 👋 — your pause is over and your streak carried on. Build up gradually:"));
            blocks.AddRange(WelcomeBack.Build(advice).Blocks.Skip(1));
        }

        return new Reply
        {
            Title = outcome.Counted ? $"Day {day} 🔥" : "Already done today",
            Blocks = blocks,
            Buttons = coaching is null ? [] : CoachingTexts.PainButtons,
            Notice = outcome.Counted ? $"Day {day} 🔥" : $"Already counted — day {day} 🔥",

            // A repeat press is noise for the rest of a group; a new day is worth sharing.
            IsPrivate = !outcome.Counted,
        };
    }
}

using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Streaks;

/// <summary>
/// <c>/done</c> and the Done button: counts today's routine once per local day, whatever chat or device, and offers the
/// optional pain check-in (with coaching registered).
/// </summary>
public sealed class DoneHandler(StreakService streaks, CoachingService? coaching = null, PauseService? pauses = null, AdviceEngine? advice = null, PersonCultures? cultures = null, ChineseAdviceEngine? chineseAdvice = null) : ICommandHandler
{
    public string Name => "done";

    public string Usage => "done";

    public string Description => "Mark today's routine as done and grow your streak";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await streaks.RecordDoneAsync(request.Message, cancellationToken);
        var culture = cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(request.Message, cancellationToken);
        if (outcome.PausedUntil is { } until)
        {
            return new Reply
            {
                Title = ChatTexts.Get("done.paused.title", culture),
                Blocks = [new Paragraph(ChatTexts.Format("done.paused", culture, ChatTexts.Day(until, culture)))],
                Notice = ChatTexts.Format("done.paused.notice", culture, ChatTexts.ShortDay(until, culture)),
                IsPrivate = true,
            };
        }

        var day = outcome.Standing.Current;
        var blocks = new List<ReplyBlock>();
        if (!outcome.Counted)
        {
            blocks.Add(new Paragraph(ChatTexts.Format("done.already", culture, day)));
        }
        else
        {
            blocks.Add(new Paragraph(day == 1 && outcome.Standing.Total > 1
                ? ChatTexts.Get("done.fresh", culture)
                : ChatTexts.Format("done.counted", culture, day)));
            if (outcome.FreezeSpent)
            {
                blocks.Add(new Paragraph(ChatTexts.Format("done.freezeSpent", culture, StreakTexts.FreezesIn(outcome.Standing.FreezesHeld, culture))));
            }

            if (outcome.FreezeEarned)
            {
                blocks.Add(new Paragraph(ChatTexts.Format("done.freezeEarned", culture, StreakTexts.FreezesIn(outcome.Standing.FreezesHeld, culture))));
            }
        }

        if (outcome.Late)
        {
            blocks.Add(new Paragraph(ChatTexts.Format("done.late", culture, ChatTexts.Day(outcome.Date, culture))));
        }

        if (!outcome.HasZone)
        {
            blocks.Add(new Paragraph(ChatTexts.Get("hint.utc", culture)));
        }

        if (coaching is not null)
        {
            if (await coaching.IsGentleTodayAsync(request.Message.Person, cancellationToken))
            {
                blocks.Add(new Paragraph(ChatTexts.Get("coaching.gentleToday", culture)));
            }

            blocks.Add(new Paragraph(ChatTexts.Get("coaching.painQuestion", culture)));
        }

        // The first Done after a pause ran out by itself carries the welcome back.
        if (outcome.Counted && pauses is not null && await pauses.TakeWelcomeBackAsync(request.Message.Person, cancellationToken))
        {
            blocks.Add(new Paragraph(ChatTexts.Get("done.welcomeBack", culture)));
            blocks.AddRange(WelcomeBack.Build(WelcomeBack.KnowledgeIn(culture, advice, chineseAdvice), culture).Blocks.Skip(1));
        }

        return new Reply
        {
            Title = outcome.Counted ? ChatTexts.Format("done.title", culture, day) : ChatTexts.Get("done.already.title", culture),
            Blocks = blocks,
            Buttons = coaching is null ? [] : CoachingTexts.PainButtonsIn(culture),
            Notice = outcome.Counted ? ChatTexts.Format("done.title", culture, day) : ChatTexts.Format("done.already.notice", culture, day),

            // A repeat press is noise for the rest of a group; a new day is worth sharing.
            IsPrivate = !outcome.Counted,
        };
    }
}

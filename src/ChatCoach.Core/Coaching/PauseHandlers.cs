using System.Globalization;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Coaching;

/// <summary><c>/pause [days]</c>: an injury pause; the streak neither grows nor breaks and no freeze is spent.</summary>
public sealed class PauseHandler(PauseService pauses, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "pause";

    public string Usage => "pause [days]";

    public string Description => "Injury pause for 1–28 days (default 7): your streak waits for you";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await CoachingTexts.CultureOfAsync(cultures, request.Message, cancellationToken);
        var days = PauseService.DefaultDays;
        if (request.Arguments.Length > 0
            && (!int.TryParse(request.Arguments, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < PauseService.MinDays or > PauseService.MaxDays))
        {
            return ChatTexts.Error(culture, CoachingTexts.Get("pause.usage", culture), CoachingTexts.Get("pause.usage.default", culture), "/pause 14");
        }

        var span = await pauses.PauseAsync(request.Message.Person, days, cancellationToken);
        return new Reply
        {
            Title = CoachingTexts.Get("pause.title", culture),
            Blocks =
            [
                new Paragraph(CoachingTexts.Format("pause.until", culture, ChatTexts.Day(span.Last, culture))),
                new Paragraph(CoachingTexts.Get("pause.rest", culture)),
            ],
            Notice = CoachingTexts.Format("pause.notice", culture, ChatTexts.ShortDay(span.Last, culture)),
            IsPrivate = true,
        };
    }
}

/// <summary><c>/resume</c>: ends the pause today, with the gradual return steps.</summary>
public sealed class ResumeHandler(PauseService pauses, AdviceEngine? advice = null, PersonCultures? cultures = null, ChineseAdviceEngine? chineseAdvice = null) : ICommandHandler
{
    public string Name => "resume";

    public string Usage => "resume";

    public string Description => "End an injury pause and get the steps for a gradual return";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await CoachingTexts.CultureOfAsync(cultures, request.Message, cancellationToken);
        if (!await pauses.ResumeAsync(request.Message.Person, cancellationToken))
        {
            return new Reply
            {
                Title = CoachingTexts.Get("resume.none.title", culture),
                Blocks = [new Paragraph(CoachingTexts.Get("resume.none", culture))],
                IsPrivate = true,
            };
        }

        return WelcomeBack.Build(WelcomeBack.KnowledgeIn(culture, advice, chineseAdvice), culture);
    }
}

/// <summary>The welcome back after a pause: the knowledge base's gradual return steps, in the person's language.</summary>
public static class WelcomeBack
{
    public const string EntryId = "load-build-back-gradually";

    /// <summary>The knowledge base written in the culture's language, when one is loaded.</summary>
    public static KnowledgeBase? KnowledgeIn(CultureInfo culture, AdviceEngine? english, ChineseAdviceEngine? chinese) =>
        Languages.IsChinese(culture) ? chinese?.Knowledge : english?.Knowledge;

    /// <summary>The English welcome back from the English knowledge base.</summary>
    public static Reply Build(AdviceEngine? advice) => Build(advice?.Knowledge, Languages.EnglishCulture);

    /// <param name="knowledge">The knowledge base in <paramref name="culture"/>'s language (<see cref="KnowledgeIn"/>); without it a short line stands in.</param>
    public static Reply Build(KnowledgeBase? knowledge, CultureInfo culture)
    {
        var entry = knowledge?.Find(EntryId);
        return new Reply
        {
            Title = CoachingTexts.Get("welcome.title", culture),
            Blocks =
            [
                new Paragraph(CoachingTexts.Get("welcome.text", culture)),
                .. entry?.BodyBlocks ?? [new Paragraph(CoachingTexts.Get("welcome.fallback", culture))],
            ],
            IsPrivate = true,
            EntryIds = entry is null ? [] : [entry.Id],
        };
    }
}

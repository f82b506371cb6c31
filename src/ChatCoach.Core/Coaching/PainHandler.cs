using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Coaching;

/// <summary><c>/pain N</c> and the pain buttons under a Done reply: how the knee felt today, 0–10, editable until the day ends.</summary>
public sealed class PainHandler(CoachingService coaching, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "pain";

    public string Usage => "pain 0-10";

    public string Description => "How your knee felt today, 0 (none) to 10 — only you see it";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await CoachingTexts.CultureOfAsync(cultures, request.Message, cancellationToken);
        if (!int.TryParse(request.Arguments, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            || score is < PainCheckIn.MinScore or > PainCheckIn.MaxScore)
        {
            return ChatTexts.Error(
                culture,
                CoachingTexts.Get("pain.usage", culture),
                CoachingTexts.Get("pain.usage.none", culture),
                CoachingTexts.Get("pain.usage.sore", culture));
        }

        var person = request.Message.Person;
        var outcome = await coaching.RecordPainAsync(person, score, cancellationToken);
        var direct = request.Message.IsDirect;
        var blocks = new List<ReplyBlock>
        {
            // In a group everyone may read the reply: the figure itself stays out of it.
            new Paragraph(direct
                ? CoachingTexts.Format(outcome.Replaced ? "pain.noted.replaced" : "pain.noted", culture, score, ChatTexts.Day(outcome.Date, culture))
                : CoachingTexts.Get("pain.noted.group", culture)),
        };
        if (outcome.GentleTomorrow)
        {
            blocks.Add(new Paragraph(CoachingTexts.Get(direct ? "pain.gentleTomorrow" : "pain.gentleTomorrow.group", culture)));
        }

        var entries = new List<string>();
        if (outcome.ProfessionalDue && direct)
        {
            blocks.Add(new Paragraph(CoachingTexts.Get("pain.professional", culture)));
            entries.Add(CoachingTexts.ProfessionalEntryId);
            await coaching.MarkReferredAsync(person, cancellationToken);
        }

        return new Reply
        {
            Title = CoachingTexts.Get("pain.title", culture),
            Blocks = blocks,
            Notice = CoachingTexts.Format("pain.notice", culture, score),
            // A group sees no figure: the press answers with the toast (Telegram) or ephemerally (Discord). In a direct
            // chat the whole reply is the person's own, so it is posted.
            IsPrivate = !direct,
            EntryIds = entries,
        };
    }
}

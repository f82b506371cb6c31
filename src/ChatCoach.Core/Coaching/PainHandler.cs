using System.Globalization;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Coaching;

/// <summary><c>/pain N</c> and the pain buttons under a Done reply: how the knee felt today, 0–10, editable until the day ends.</summary>
public sealed class PainHandler(CoachingService coaching) : ICommandHandler
{
    public string Name => "pain";

    public string Usage => "pain 0-10";

    public string Description => "How your knee felt today, 0 (none) to 10 — only you see it";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!int.TryParse(request.Arguments, NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            || score is < PainCheckIn.MinScore or > PainCheckIn.MaxScore)
        {
            return Reply.Error(
                "Pain is a whole number from 0 (none) to 10 (the worst), for example /pain 3.",
                "/pain 0 — no pain",
                "/pain 5 — clearly sore");
        }

        var person = request.Message.Person;
        var outcome = await coaching.RecordPainAsync(person, score, cancellationToken);
        var direct = request.Message.IsDirect;
        var blocks = new List<ReplyBlock>
        {
            // In a group everyone may read the reply: the figure itself stays out of it.
            new Paragraph(direct
                ? string.Create(CultureInfo.InvariantCulture, $"Noted: {score}/10 for {outcome.Date:ddd d MMM}{(outcome.Replaced ? " (replacing today's earlier check-in)" : "")}. You can change it until the day ends.")
                : "Thanks — noted for you only. You can change it until the day ends."),
        };
        if (outcome.GentleTomorrow)
        {
            blocks.Add(new Paragraph(direct
                ? "Tomorrow your routine here will be the gentler version: recovery focus, easier variants, no deep knee bends."
                : "Tomorrow your personal routine will be the gentler version — ask me for /routine in a direct chat."));
        }

        var entries = new List<string>();
        if (outcome.ProfessionalDue && direct)
        {
            blocks.Add(new Paragraph(CoachingTexts.Professional));
            entries.Add(CoachingTexts.ProfessionalEntryId);
            await coaching.MarkReferredAsync(person, cancellationToken);
        }

        return new Reply
        {
            Title = "Check-in saved",
            Blocks = blocks,
            Notice = string.Create(CultureInfo.InvariantCulture, $"Noted: {score}/10"),
            // A group sees no figure: the press answers with the toast (Telegram) or ephemerally (Discord). In a direct
            // chat the whole reply is the person's own, so it is posted.
            IsPrivate = !direct,
            EntryIds = entries,
        };
    }
}

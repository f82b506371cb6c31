using ChatCoach.Core.Conversation;

namespace ChatCoach.Telegram.Tests.Fakes;

/// <summary>Stands in for the advice engine's "ask" (free text goes there): answers with the question quoted.</summary>
public sealed class FakeAskHandler : ICommandHandler
{
    public string Name => "ask";

    public string Usage => "ask <question>";

    public string Description => "Ask about knee pain (test stand-in)";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new Reply
        {
            Title = "Answer",
            Blocks = [new Paragraph($"You asked: {request.Arguments}"), new Paragraph(MedicalNotice.Text)],
            Kind = ReplyKinds.Advice,
        });
    }
}

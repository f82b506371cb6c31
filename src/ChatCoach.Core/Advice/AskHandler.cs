using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice;

/// <summary><c>/ask &lt;question&gt;</c>, and every free-text message the router treats as a question.</summary>
public sealed class AskHandler(IAdviceEngine engine) : ICommandHandler
{
    public string Name => "ask";

    public string Usage => "ask <question>";

    public string Description => "Ask about knee pain in your own words";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(engine.Answer(request.Arguments));
    }
}

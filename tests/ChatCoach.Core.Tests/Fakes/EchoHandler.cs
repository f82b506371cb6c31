using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Fakes;

/// <summary>Answers with what it was asked, so routing tests can see which handler got which arguments.</summary>
public sealed class EchoHandler(string name, params string[] aliases) : ICommandHandler
{
    public string Name => name;

    public IReadOnlyList<string> Aliases => aliases;

    public string Usage => name + " [anything]";

    public string Description => "Echoes " + name;

    public List<CommandRequest> Requests { get; } = [];

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(Reply.Text(name, request.Arguments));
    }
}

public sealed class ThrowingHandler : ICommandHandler
{
    public string Name => "boom";

    public string Usage => "boom";

    public string Description => "Always fails";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("secret internal detail");
}

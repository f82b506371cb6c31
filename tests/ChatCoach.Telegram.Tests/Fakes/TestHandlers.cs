using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Telegram.Tests.Fakes;

/// <summary>"echo": repeats the arguments back as title, paragraph and list item, to test escaping and splitting.</summary>
public sealed class EchoHandler : ICommandHandler
{
    public string Name => "echo";

    public string Usage => "echo <text>";

    public string Description => "Repeats the text (test only)";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(new Reply
    {
        Title = request.Arguments.Length > 100 ? request.Arguments[..100] : request.Arguments,
        Blocks = [new Paragraph(request.Arguments), new BulletList([request.Arguments], "You said")],
    });
}

/// <summary>"card": a reply with a Done-style button ("tick") and an over-long (unsendable) one.</summary>
public sealed class CardHandler : ICommandHandler
{
    public string Name => "card";

    public string Usage => "card";

    public string Description => "A reply with buttons (test only)";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(new Reply
    {
        Title = "Today's routine",
        Blocks = [new BulletList(["Clamshells 2×15", "Wall sit 3×30 s"])],
        Buttons = [new ReplyButton("Done ✅", "tick"), new ReplyButton("Too long", "card:" + new string('x', 80))],
        Kind = ReplyKinds.Routine,
    });
}

/// <summary>"tick": counts once per person per run, answers with a notice like the real done handler (a repeat is private).</summary>
public sealed class TickHandler : ICommandHandler
{
    private readonly ConcurrentDictionary<string, int> _presses = new();

    public string Name => "tick";

    public string Usage => "tick";

    public string Description => "Marks today done (test only)";

    public int Completions => _presses.Count;

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var first = _presses.TryAdd(request.Message.Person.ToString(), 1);
        return Task.FromResult(new Reply
        {
            Title = first ? "Nice work" : "Already counted",
            Blocks = [new Paragraph("Day 5 of your streak.")],
            Notice = first ? "Day 5 🔥" : "Already counted today — Day 5 🔥",
            IsPrivate = !first,
        });
    }
}

/// <summary>"guarded": only for chat administrators in groups, like /subscribe.</summary>
public sealed class GuardedHandler : ICommandHandler
{
    public string Name => "guarded";

    public string Usage => "guarded";

    public string Description => "Admins only (test only)";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(request.Message.IsAdmin
            ? Reply.Text("Allowed", $"{request.Message.UserDisplayName} may change this chat.")
            : Reply.Error("Only group admins can do that."));
    }
}

/// <summary>"seen": records every inbound message it gets, in order, to check ordering and flags.</summary>
public sealed class SeenHandler : ICommandHandler
{
    public ConcurrentQueue<InboundMessage> Messages { get; } = new();

    public string Name => "seen";

    public string Usage => "seen <n>";

    public string Description => "Records the message (test only)";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Messages.Enqueue(request.Message);
        return Task.FromResult(Reply.Text("Seen", request.Arguments.Length == 0 ? "(nothing)" : request.Arguments));
    }
}

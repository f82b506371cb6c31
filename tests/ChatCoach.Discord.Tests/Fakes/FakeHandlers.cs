using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Discord.Tests.Fakes;

/// <summary>Test-only handlers with the real commands' names, for what the adapter must carry end to end.</summary>
public sealed class FakeAskHandler : ICommandHandler
{
    /// <summary>Questions containing "slow" wait for this gate, to push the answer past the defer deadline.</summary>
    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Questions containing "block" block their thread on this (a synchronous database call, say).</summary>
    public ManualResetEventSlim BlockGate { get; } = new();

    public ConcurrentQueue<InboundMessage> Seen { get; } = new();

    public string Name => "ask";

    public string Usage => "ask <question>";

    public string Description => "Ask about knee pain in your own words";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Seen.Enqueue(request.Message);
        if (request.Arguments.Contains("block", StringComparison.Ordinal))
        {
            BlockGate.Wait(cancellationToken);
        }

        if (request.Arguments.Contains("slow", StringComparison.Ordinal))
        {
            await SlowGate.Task.WaitAsync(cancellationToken);
        }

        if (request.Arguments.Contains("long answer", StringComparison.Ordinal))
        {
            var count = request.Arguments.Contains("very long answer", StringComparison.Ordinal) ? 6000 : 1800;
            var words = string.Join(' ', Enumerable.Range(0, count).Select(i => $"word{i}"));
            return new Reply { Title = "A long answer", Blocks = [new Paragraph(words), new Paragraph(MedicalNotice.Text)], Kind = ReplyKinds.Advice };
        }

        return new Reply
        {
            Title = "About your knee",
            Blocks = [new Paragraph($"You asked: {request.Arguments}"), new BulletList(["Ease off for a few days", "Try the routine"], "What to try"), new Paragraph(MedicalNotice.Text)],
            Kind = ReplyKinds.Advice,
            IsPrivate = request.Arguments.Contains("private", StringComparison.Ordinal),
        };
    }
}

public sealed class FakeRoutineHandler : ICommandHandler
{
    public string Name => "routine";

    public string Usage => "routine [focus]";

    public string Description => "Today's stretch and strength routine";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(new Reply
    {
        Title = $"Today's routine ({(request.Arguments.Length > 0 ? request.Arguments : "general")})",
        Blocks = [new BulletList(["Calf raises 3×12", "Glute bridge 3×10"], "Exercises")],
        Buttons = [new ReplyButton("Done ✅", "done"), new ReplyButton("Hips", "routine:hips")],
        Kind = ReplyKinds.Routine,
    });
}

/// <summary>Records a completion once per person, like the real streak service does per local date.</summary>
public sealed class FakeDoneHandler : ICommandHandler
{
    private readonly ConcurrentDictionary<PersonKey, int> _done = new();

    public string Name => "done";

    public string Usage => "done";

    public string Description => "Mark today's routine as done";

    public int Completions => _done.Count;

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var first = _done.TryAdd(request.Message.Person, 1);
        return Task.FromResult(new Reply
        {
            Title = first ? "Nice work!" : "Already counted",
            Blocks = [new Paragraph(first ? "Today's routine is done." : "You already finished today's routine.")],
            Notice = first ? "Day 1 🔥" : "Already done today ✅",
            IsPrivate = true,
        });
    }
}

/// <summary>Only people who may manage the channel can subscribe it (the real handler's rule).</summary>
public sealed class FakeSubscribeHandler : ICommandHandler
{
    public ConcurrentQueue<string> Subscribed { get; } = new();

    public string Name => "subscribe";

    public string Usage => "subscribe [HH:MM] [focus]";

    public string Description => "Post the daily routine in this channel";

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (!request.Message.IsAdmin)
        {
            return Task.FromResult(Reply.Error("Only people who can manage this channel can subscribe it."));
        }

        Subscribed.Enqueue($"{request.Message.ChatId} {request.Arguments}");
        return Task.FromResult(Reply.Text("Subscribed", $"I'll post the routine here daily ({request.Arguments})."));
    }
}

/// <summary>A private command (like the real /streak) whose answer waits for <see cref="Gate"/>.</summary>
public sealed class FakeStreakHandler : ICommandHandler
{
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "streak";

    public string Usage => "streak";

    public string Description => "Your current streak";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        await Gate.Task.WaitAsync(cancellationToken);
        return new Reply { Title = "Your streak", Blocks = [new Paragraph("3 days in a row.")], IsPrivate = true };
    }
}

using System.Globalization;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Coaching;

/// <summary><c>/pause [days]</c>: an injury pause; the streak neither grows nor breaks and no freeze is spent.</summary>
public sealed class PauseHandler(PauseService pauses) : ICommandHandler
{
    public string Name => "pause";

    public string Usage => "pause [days]";

    public string Description => "Injury pause for 1–28 days (default 7): your streak waits for you";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var days = PauseService.DefaultDays;
        if (request.Arguments.Length > 0
            && (!int.TryParse(request.Arguments, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < PauseService.MinDays or > PauseService.MaxDays))
        {
            return Reply.Error("A pause lasts 1 to 28 days, for example /pause 7.", "/pause — 7 days", "/pause 14");
        }

        var span = await pauses.PauseAsync(request.Message.Person, days, cancellationToken);
        return new Reply
        {
            Title = "Streak paused ⏸️",
            Blocks =
            [
                new Paragraph(string.Create(CultureInfo.InvariantCulture, $"Paused until {span.Last:ddd d MMM} (your local date). Your streak won't grow or break meanwhile, and no freeze is spent.")),
                new Paragraph("Rest the knee and keep moving in ways that don't hurt. Send /resume when you're ready to come back sooner."),
            ],
            Notice = string.Create(CultureInfo.InvariantCulture, $"Paused until {span.Last:d MMM}"),
            IsPrivate = true,
        };
    }
}

/// <summary><c>/resume</c>: ends the pause today, with the gradual return steps.</summary>
public sealed class ResumeHandler(PauseService pauses, AdviceEngine? advice = null) : ICommandHandler
{
    public string Name => "resume";

    public string Usage => "resume";

    public string Description => "End an injury pause and get the steps for a gradual return";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await pauses.ResumeAsync(request.Message.Person, cancellationToken))
        {
            return new Reply
            {
                Title = "Not paused",
                Blocks = [new Paragraph("Your streak isn't paused. Use /pause [days] if your knee needs a break.")],
                IsPrivate = true,
            };
        }

        return WelcomeBack.Build(advice);
    }
}

/// <summary>The welcome back after a pause: the knowledge base's gradual return steps.</summary>
public static class WelcomeBack
{
    public const string EntryId = "load-build-back-gradually";

    public static Reply Build(AdviceEngine? advice)
    {
        var entry = advice?.Knowledge.Find(EntryId);
        return new Reply
        {
            Title = "Welcome back 👋",
            Blocks =
            [
                new Paragraph("Your pause is over and your streak carries on from where you left it. Press Done after today's routine to grow it again."),
                .. entry?.BodyBlocks ?? [new Paragraph("Ease back in: short, easy runs on flat ground, a rest day between runs, and add distance slowly.")],
            ],
            IsPrivate = true,
            EntryIds = entry is null ? [] : [entry.Id],
        };
    }
}

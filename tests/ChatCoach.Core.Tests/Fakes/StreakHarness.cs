using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Core.Tests.Fakes;

/// <summary>The real router and streak handlers on the in-memory stores, with a fake clock.</summary>
public sealed class StreakHarness
{
    public StreakHarness(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        var summaries = new InMemoryStreakSummaryStore();
        Streaks = new StreakService(new InMemoryCompletionStore(summaries), summaries, new InMemoryStreakActivityStore(), People, Time);
        Router = new CommandRouter(
            [new DoneHandler(Streaks), new StreakHandler(Streaks), new TimeZoneHandler(Streaks, People, Time), new LeaderboardHandler(Streaks)],
            NullLogger<CommandRouter>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryPersonStore People { get; } = new();

    public StreakService Streaks { get; }

    public CommandRouter Router { get; }

    public async Task<Reply> CommandAsync(InboundMessage message) =>
        await Router.RouteAsync(message, CancellationToken.None) ?? throw new InvalidOperationException("The router ignored the message.");
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>Progression through the real handlers and services on in-memory stores and fake time.</summary>
public sealed class ProgressionTests
{
    private static readonly PersonKey Ann = new("telegram", "42");

    // Monday 2 March 2026, 19:00 UTC.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryCheckInStore _checkIns = new();
    private readonly InMemoryProgressionStore _levels = new();
    private readonly StreakService _streaks;
    private readonly CoachingService _coaching;
    private readonly ProgressionService _progression;
    private readonly PersonClock _zones;

    public ProgressionTests()
    {
        var summaries = new InMemoryStreakSummaryStore();
        var completions = new InMemoryCompletionStore(summaries);
        _streaks = new StreakService(completions, summaries, new InMemoryStreakActivityStore(), _people, _time);
        _zones = new PersonClock(_people, _time);
        _coaching = new CoachingService(_checkIns, _zones);
        _progression = new ProgressionService(_levels, completions, _checkIns, _zones);
    }

    private async Task<Reply> SayAsync(string text, bool direct = true)
    {
        var message = direct ? Messages.TelegramDirect("42", "Ann", text) : Messages.DiscordChannel("42", "Ann", text, "-1001", "guild-7", isAdmin: false);
        var command = text.TrimStart('/').Split(' ')[0];
        ICommandHandler handler = command switch
        {
            "done" => new DoneHandler(_streaks, _coaching),
            "pain" => new PainHandler(_coaching),
            "routine" => new RoutineHandler(new RoutinePlanner(RoutineTestData.Catalog), RoutineTestData.Catalog, _zones, _coaching, _progression),
            _ => throw new ArgumentException(text),
        };
        return await handler.HandleAsync(RoutineTestData.Request(message, command), CancellationToken.None);
    }

    private async Task DoneOnDaysAsync(int days)
    {
        for (var i = 0; i < days; i++)
        {
            await SayAsync("/done");
            await SayAsync("/pain 2");
            _time.Advance(TimeSpan.FromDays(1));
        }
    }

    [Fact]
    public async Task Routine_SixComfortableSessions_NextDayLevelTwoWithMoreReps()
    {
        await DoneOnDaysAsync(6); // Mon 2 to Sat 7 March; now Sunday 8

        var first = await SayAsync("/routine");
        var again = await SayAsync("/routine");

        Assert.EndsWith("— week 1, level 2", first.Title, StringComparison.Ordinal);
        Assert.Contains("Level up", PlainTextRenderer.Render(first), StringComparison.Ordinal);
        Assert.DoesNotContain("Level up", PlainTextRenderer.Render(again), StringComparison.Ordinal); // announced once
        Assert.Contains("Your doses: level 2 of 4", PlainTextRenderer.Render(again), StringComparison.Ordinal);
        Assert.Equal(new ProgressionState(2, new LocalDate(2026, 3, 7)), await _levels.GetAsync(Ann, CancellationToken.None));

        // The doses are the shared routine's one level up.
        var shared = new RoutinePlanner(RoutineTestData.Catalog).Plan(new LocalDate(2026, 3, 8), RoutineFocus.Balanced);
        var firstItem = shared.Items[0];
        Assert.Contains($"{ProgressionRules.AtLevel(firstItem, 2).Name} — {ProgressionRules.DoseAt(firstItem.Dose, 2).Describe()}", PlainTextRenderer.Render(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routine_InAGroup_StaysTheSharedRoutineWithoutALevel()
    {
        await DoneOnDaysAsync(6);

        var reply = await SayAsync("/routine", direct: false);

        Assert.Equal("Routine for Sun 8 Mar", reply.Title);
        Assert.Null(await _levels.GetAsync(Ann, CancellationToken.None)); // not even evaluated
    }

    [Fact]
    public async Task Routine_HighPainAfterAStepUp_GentlerNextDayThenOneLevelBackInWeekTwo()
    {
        await DoneOnDaysAsync(6);
        await SayAsync("/routine"); // Sun 8: level 2
        await SayAsync("/done");
        await SayAsync("/pain 7");
        _time.Advance(TimeSpan.FromDays(1));

        var monday = await SayAsync("/routine");
        await SayAsync("/done");
        _time.Advance(TimeSpan.FromDays(1));
        var tuesday = await SayAsync("/routine");

        Assert.StartsWith("Your gentler routine", monday.Title, StringComparison.Ordinal); // pain 7 yesterday
        Assert.EndsWith("— week 2, level 1", tuesday.Title, StringComparison.Ordinal);
        Assert.Contains("step back to level 1", PlainTextRenderer.Render(tuesday), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routine_NewPerson_WeekOneLevelOneNothingStored()
    {
        var reply = await SayAsync("/routine");

        Assert.EndsWith("— week 1, level 1", reply.Title, StringComparison.Ordinal);
        Assert.Null(await _levels.GetAsync(Ann, CancellationToken.None));
        Assert.Equal(0, await _levels.DeletePersonAsync(Ann, CancellationToken.None));
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Streaks;

/// <summary>A Done that reached the bot late (it waited through an outage) counts the local day it was made on.</summary>
public sealed class LateDoneTests
{
    // Wed 2 Dec 2026, 01:00 in Berlin (00:00 UTC): the bot is back after an outage.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryCompletionStore _completions;
    private readonly StreakService _streaks;

    public LateDoneTests()
    {
        var summaries = new InMemoryStreakSummaryStore();
        _completions = new InMemoryCompletionStore(summaries);
        _streaks = new StreakService(_completions, summaries, new InMemoryStreakActivityStore(), _people, _time);
    }

    private static InboundMessage Done(Instant? at) =>
        Messages.TelegramDirect("7", "Ann", null) with { Action = "done", OccurredAt = at };

    private async Task<string> PressAsync(Instant? at) =>
        PlainTextRenderer.Render(await new DoneHandler(_streaks).HandleAsync(new CommandRequest(Done(at), "done", ""), CancellationToken.None));

    private Task<IReadOnlyList<LocalDate>> DatesAsync() => _completions.GetAllDatesAsync(new PersonKey("telegram", "7"), CancellationToken.None);

    [Fact]
    public async Task Done_PressedBeforeMidnightHandledAfter_CountsTheDayOfThePressAndSaysSo()
    {
        await _people.SaveAsync(new PersonProfile(new PersonKey("telegram", "7"), "Ann", "Europe/Berlin"), CancellationToken.None);
        var pressedAt = Instant.FromUtc(2026, 12, 1, 22, 30); // Tue 1 Dec, 23:30 in Berlin

        var reply = await PressAsync(pressedAt);

        Assert.Equal([new LocalDate(2026, 12, 1)], await DatesAsync());
        Assert.Contains("counts for Tue 1 Dec", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_SameLatePressHandledTwice_CountedOnce()
    {
        var pressedAt = Instant.FromUtc(2026, 12, 1, 23, 50);

        await PressAsync(pressedAt);
        var again = await PressAsync(pressedAt);

        Assert.Equal([new LocalDate(2026, 12, 1)], await DatesAsync());
        Assert.Contains("Already counted", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_OccurredAtInTheFuture_CountsToday()
    {
        var reply = await PressAsync(Instant.FromUtc(2026, 12, 3, 12, 0));

        Assert.Equal([new LocalDate(2026, 12, 2)], await DatesAsync());
        Assert.DoesNotContain("reached me late", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_JustBeforeMidnightHandledAfter_CountsTheDayBefore()
    {
        var reply = await PressAsync(Instant.FromUtc(2026, 12, 1, 23, 59, 30)); // a UTC person: still Tue 1 Dec

        Assert.Equal([new LocalDate(2026, 12, 1)], await DatesAsync());
        Assert.Contains("counts for Tue 1 Dec", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_SameDayAsHandled_HasNoLateNote()
    {
        _time.Advance(TimeSpan.FromMinutes(30));

        var reply = await PressAsync(Instant.FromUtc(2026, 12, 2, 0, 10));

        Assert.Equal([new LocalDate(2026, 12, 2)], await DatesAsync());
        Assert.DoesNotContain("reached me late", reply, StringComparison.Ordinal);
    }
}

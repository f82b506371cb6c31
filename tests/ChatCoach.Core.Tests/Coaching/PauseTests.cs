using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>Pause, resume and the streak through the real handlers and service on in-memory stores and fake time.</summary>
public sealed class PauseTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 27, 19, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryPauseStore _pauses = new();
    private readonly StreakService _streaks;
    private readonly PauseService _pauseService;
    private readonly CoachingService _coaching;
    private readonly WeeklyTargetService _weekly;
    private readonly InMemoryCheckInStore _checkIns = new();

    public PauseTests()
    {
        var summaries = new InMemoryStreakSummaryStore();
        var completions = new InMemoryCompletionStore(summaries);
        _streaks = new StreakService(completions, summaries, new InMemoryStreakActivityStore(), _people, _time, _pauses);
        var zones = new PersonClock(_people, _time);
        _pauseService = new PauseService(_pauses, zones);
        _coaching = new CoachingService(_checkIns, zones);
        _weekly = new WeeklyTargetService(completions, _checkIns, zones, _pauses);
    }

    private static InboundMessage Direct(string text) =>
        Messages.TelegramDirect("7", "Ann", text);

    private async Task<string> SayAsync(string text)
    {
        var message = Direct(text);
        var parts = text.TrimStart('/').Split(' ', 2);
        var request = new CommandRequest(message, parts[0], parts.Length > 1 ? parts[1] : "");
        ICommandHandler handler = parts[0] switch
        {
            "done" => new DoneHandler(_streaks, coaching: _coaching, pauses: _pauseService),
            "streak" => new StreakHandler(_streaks, _weekly),
            "pain" => new PainHandler(_coaching),
            "pause" => new PauseHandler(_pauseService),
            "resume" => new ResumeHandler(_pauseService),
            _ => throw new ArgumentException(text),
        };
        return PlainTextRenderer.Render(await handler.HandleAsync(request, CancellationToken.None));
    }

    private Task SetZoneAsync(string zone) => _people.SaveAsync(new PersonProfile(new PersonKey("telegram", "7"), "Ann", zone), CancellationToken.None);

    [Fact]
    public async Task Pause_AcrossTheSpringDaylightSavingChange_StreakWaitsAndCarriesOn()
    {
        await SetZoneAsync("Europe/Berlin");
        await SayAsync("/done"); // Fri 27 Mar, 20:00 in Berlin
        _time.Advance(TimeSpan.FromHours(5)); // Sat 28 Mar, 01:00 CET
        var paused = await SayAsync("/pause 3"); // Sat, Sun (clocks go forward), Mon

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 21, 30, 0, TimeSpan.Zero)); // Mon 30 Mar, 23:30 CEST: still paused
        var streakOnMonday = await SayAsync("/streak");
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 22, 30, 0, TimeSpan.Zero)); // Tue 31 Mar, 00:30 CEST: over
        var done = await SayAsync("/done");

        Assert.Contains("Paused until Mon 30 Mar", paused, StringComparison.Ordinal);
        Assert.Contains("Current streak: 1 day", streakOnMonday, StringComparison.Ordinal);
        Assert.Contains("Paused until Mon 30 Mar", streakOnMonday, StringComparison.Ordinal);
        Assert.Contains("⏸️⏸️⏸️", streakOnMonday, StringComparison.Ordinal);
        Assert.Contains("you're on day 2", done, StringComparison.Ordinal);
        Assert.DoesNotContain("freeze", done, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Welcome back", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_InAuckland_StartsOnTheirLocalDate()
    {
        await SetZoneAsync("Pacific/Auckland"); // 19:00 UTC Fri 27 Mar is 08:00 Sat 28 Mar there (NZDT)

        var paused = await SayAsync("/pause");

        Assert.Contains("Paused until Fri 3 Apr", paused, StringComparison.Ordinal); // 28 Mar + 6 days
        Assert.Equal(new NodaTime.LocalDate(2026, 4, 3), await _pauseService.PausedUntilAsync(new PersonKey("telegram", "7"), CancellationToken.None));
    }

    [Fact]
    public async Task Done_WhilePaused_NotCountedAndPointsToResume()
    {
        await SayAsync("/pause 2");

        var done = await SayAsync("/done");
        var streak = await SayAsync("/streak");

        Assert.Contains("paused until Sat 28 Mar, so today isn't counted", done, StringComparison.Ordinal);
        Assert.Contains("/resume", done, StringComparison.Ordinal);
        Assert.Contains("No days yet", streak, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_EndsThePauseWithTheReturnSteps_ThenDoneCounts()
    {
        await SayAsync("/done");
        _time.Advance(TimeSpan.FromDays(1));
        await SayAsync("/pause 14");
        _time.Advance(TimeSpan.FromDays(5));

        var resumed = await SayAsync("/resume");
        var done = await SayAsync("/done");
        var again = await SayAsync("/resume");

        Assert.Contains("Welcome back", resumed, StringComparison.Ordinal);
        Assert.Contains("you're on day 2", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome back", done, StringComparison.Ordinal); // already given by /resume
        Assert.Contains("isn't paused", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_OnTheDayThePauseBegan_RemovesItEntirely()
    {
        await SayAsync("/pause 5");
        await SayAsync("/resume");

        Assert.Empty((await _pauses.GetAsync(new PersonKey("telegram", "7"), CancellationToken.None)).Pauses);
        Assert.Contains("Counted", await SayAsync("/done"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pause 0")]
    [InlineData("/pause 29")]
    [InlineData("/pause week")]
    public async Task Pause_BadLength_OneLineErrorNothingStored(string text)
    {
        var reply = await SayAsync(text);

        Assert.Contains("1 to 28 days", reply, StringComparison.Ordinal);
        Assert.Empty((await _pauses.GetAsync(new PersonKey("telegram", "7"), CancellationToken.None)).Pauses);
    }

    [Fact]
    public async Task Streak_WeeklyTarget_CountsDoneDaysThatWereNotGentlerSincePersonsMonday()
    {
        // Fri 27 Mar 2026 19:00 UTC; in Auckland it is already Saturday 28 Mar, so the week began on Mon 23 Mar there.
        await SetZoneAsync("Pacific/Auckland");
        await SayAsync("/done"); // Sat 28
        await SayAsync("/pain 5");
        _time.Advance(TimeSpan.FromDays(1));
        await SayAsync("/done"); // Sun 29: a gentler day (pain 5 yesterday), no strength work

        var sunday = await SayAsync("/streak");
        _time.Advance(TimeSpan.FromDays(1));
        await SayAsync("/done"); // Mon 30: a new week
        var monday = await SayAsync("/streak");

        Assert.Contains("This week: 1 of 3 strength sessions", sunday, StringComparison.Ordinal);
        Assert.Contains("Weekly streak: 0 weeks", sunday, StringComparison.Ordinal);
        Assert.Contains("This week: 1 of 3 strength sessions", monday, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streak_WeekWithAPause_NeedsProportionallyFewerSessions()
    {
        // UTC: done Mon 30 and Tue 31 Mar, then paused Fri 3 to Sun 5 Apr (3 days: 4 unpaused need 2).
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 30, 19, 0, 0, TimeSpan.Zero));
        await SayAsync("/done");
        _time.Advance(TimeSpan.FromDays(1));
        await SayAsync("/done");
        _time.SetUtcNow(new DateTimeOffset(2026, 4, 3, 19, 0, 0, TimeSpan.Zero));
        await SayAsync("/pause 3");

        var streak = await SayAsync("/streak");

        Assert.Contains("This week: 2 of 2 strength sessions (fewer because of your pause) 💪", streak, StringComparison.Ordinal);
        Assert.Contains("Weekly streak: 1 week in a row", streak, StringComparison.Ordinal);
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>Streak-saver reminders through the real handler, services and runner on in-memory stores and fake time.</summary>
public sealed class ReminderTests
{
    private static readonly PersonKey Ann = new("telegram", "42");

    // Wednesday 25 March 2026, 12:00 UTC = 13:00 in Berlin (CET; the clocks go forward on Sunday 29 March).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryPauseStore _pauses = new();
    private readonly InMemoryReminderStore _reminders = new();
    private readonly InMemoryCompletionStore _completions;
    private readonly StreakService _streaks;
    private readonly PersonClock _zones;
    private readonly PauseService _pauseService;
    private readonly ReminderService _reminderService;
    private readonly RecordingChatSender _sender;

    public ReminderTests()
    {
        var summaries = new InMemoryStreakSummaryStore();
        _completions = new InMemoryCompletionStore(summaries);
        _streaks = new StreakService(_completions, summaries, new InMemoryStreakActivityStore(), _people, _time, _pauses);
        _zones = new PersonClock(_people, _time);
        _pauseService = new PauseService(_pauses, _zones);
        _reminderService = new ReminderService(_reminders, _zones);
        _sender = new RecordingChatSender(_time);
        _people.SaveAsync(new PersonProfile(Ann, "Ann", "Europe/Berlin"), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A fresh runner each time, as after a restart: everything it knows comes from the store.</summary>
    private ReminderRunner Runner => new(_reminders, _completions, _pauses, _zones, [_sender], Options.Create(new SchedulerOptions()), NullLogger<ReminderRunner>.Instance);

    private async Task<string> SayAsync(string text, bool direct = true)
    {
        var message = direct ? Messages.TelegramDirect("42", "Ann", text) : Messages.DiscordChannel("42", "Ann", text, "-1001", "guild-7", isAdmin: false);
        var command = text.TrimStart('/').Split(' ')[0];
        ICommandHandler handler = command switch
        {
            "remind" => new ReminderHandler(_reminderService),
            "done" => new DoneHandler(_streaks, pauses: _pauseService),
            "pause" => new PauseHandler(_pauseService),
            _ => throw new ArgumentException(text),
        };
        return PlainTextRenderer.Render(await handler.HandleAsync(RoutineTestData.Request(message, command), CancellationToken.None));
    }

    private async Task RunAtAsync(DateTimeOffset utc)
    {
        _time.SetUtcNow(utc);
        await Runner.RunDueAsync(CancellationToken.None);
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Remind_AtLocalTimeWhenNotDone_OneNudgeToTheDirectChatOnly()
    {
        var set = await SayAsync("/remind 19:30");

        await RunAtAsync(Utc(3, 25, 18, 29)); // 19:29 in Berlin
        var before = _sender.Sent.Count;
        await RunAtAsync(Utc(3, 25, 18, 30));
        await RunAtAsync(Utc(3, 25, 18, 45));
        await RunAtAsync(Utc(3, 25, 22, 59)); // still the same local day

        Assert.Contains("at 19:30 your time", set, StringComparison.Ordinal);
        Assert.Equal(0, before);
        var (chat, at, reply) = Assert.Single(_sender.Sent);
        Assert.Equal(new ChatAddress("telegram", "42"), chat);
        Assert.Equal(Utc(3, 25, 18, 30), at);
        Assert.Equal(ReminderRunner.Title, reply.Title);
        Assert.Contains(RoutineReplies.DoneButton, reply.Buttons);
    }

    [Fact]
    public async Task Remind_TodayAlreadyDone_NoNudgeThenTomorrowsComes()
    {
        await SayAsync("/remind 19:30");
        await SayAsync("/done"); // 13:00 Berlin, Wed 25

        await RunAtAsync(Utc(3, 25, 18, 30));
        var today = _sender.Sent.Count;
        await RunAtAsync(Utc(3, 26, 18, 30));

        Assert.Equal(0, today);
        Assert.Equal(Utc(3, 26, 18, 30), Assert.Single(_sender.Sent).At);
    }

    [Fact]
    public async Task Remind_WhilePaused_NoNudgeUntilThePauseEnds()
    {
        await SayAsync("/remind 19:30");
        await SayAsync("/pause 2"); // Wed 25 and Thu 26

        await RunAtAsync(Utc(3, 25, 18, 30));
        await RunAtAsync(Utc(3, 26, 18, 30));
        var paused = _sender.Sent.Count;
        await RunAtAsync(Utc(3, 27, 18, 30));

        Assert.Equal(0, paused);
        Assert.Single(_sender.Sent);
    }

    [Fact]
    public async Task Remind_AcrossTheSpringChange_SameLocalTimeAndASkippedTimeAtTheGapsEnd()
    {
        await SayAsync("/remind 02:30"); // 02:30 does not exist in Berlin on Sunday 29 March
        var dues = new List<Instant> { (await _reminders.GetAsync(Ann, CancellationToken.None))!.NextDue };

        for (var day = 26; day <= 30; day++)
        {
            await RunAtAsync(Utc(3, day, 0, 0));
            await RunAtAsync(Utc(3, day, 3, 0));
            dues.Add((await _reminders.GetAsync(Ann, CancellationToken.None))!.NextDue);
        }

        // 02:30 CET = 01:30 UTC until Saturday; on Sunday the gap's end, 03:00 CEST = 01:00 UTC; then 02:30 CEST = 00:30 UTC.
        Assert.Equal(
            [
                Instant.FromUtc(2026, 3, 26, 1, 30), Instant.FromUtc(2026, 3, 27, 1, 30), Instant.FromUtc(2026, 3, 28, 1, 30),
                Instant.FromUtc(2026, 3, 29, 1, 0), Instant.FromUtc(2026, 3, 30, 0, 30), Instant.FromUtc(2026, 3, 31, 0, 30),
            ],
            dues);
        Assert.Equal(5, _sender.Sent.Count); // one a day
    }

    [Fact]
    public async Task Remind_DueTimesAroundTheChange_FollowTheLocalClock()
    {
        await SayAsync("/remind 19:30");

        await RunAtAsync(Utc(3, 28, 18, 30)); // Sat, CET (plus the missed days before, skipped)
        var saturday = await _reminders.GetAsync(Ann, CancellationToken.None);
        await RunAtAsync(Utc(3, 29, 17, 30)); // Sun, CEST

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 17, 30), saturday!.NextDue);
        Assert.Equal([Utc(3, 28, 18, 30), Utc(3, 29, 17, 30)], _sender.Sent.Select(s => s.At));
    }

    [Fact]
    public async Task Remind_DaysMissedWhileDown_NotSentLate()
    {
        await SayAsync("/remind 19:30");

        await RunAtAsync(Utc(3, 27, 12, 0)); // the bot was down on the evenings of the 25th and 26th

        Assert.Empty(_sender.Sent);
        Assert.Equal(Instant.FromUtc(2026, 3, 27, 18, 30), (await _reminders.GetAsync(Ann, CancellationToken.None))!.NextDue);
    }

    [Fact]
    public async Task Remind_InAGroup_ExplainsItIsPersonalAndStoresNothing()
    {
        var reply = await SayAsync("/remind 19:30", direct: false);

        Assert.Contains("in a direct chat", reply, StringComparison.Ordinal);
        Assert.Null(await _reminders.GetAsync(Ann, CancellationToken.None));
    }

    [Fact]
    public async Task Remind_Off_NoMoreNudges()
    {
        await SayAsync("/remind 19:30");

        var off = await SayAsync("/remind off");
        var again = await SayAsync("/remind off");
        await RunAtAsync(Utc(3, 25, 18, 30));

        Assert.Contains("No more reminders", off, StringComparison.Ordinal);
        Assert.Contains("no reminder to stop", again, StringComparison.Ordinal);
        Assert.Empty(_sender.Sent);
    }

    [Theory]
    [InlineData("/remind 25:00")]
    [InlineData("/remind soon")]
    [InlineData("/remind 7:5")]
    public async Task Remind_BadTime_OneLineErrorNothingStored(string text)
    {
        var reply = await SayAsync(text);

        Assert.Contains("isn't a time", reply, StringComparison.Ordinal);
        Assert.Null(await _reminders.GetAsync(Ann, CancellationToken.None));
    }

    [Fact]
    public async Task Remind_BlockedByThePerson_StopsByItself()
    {
        await SayAsync("/remind 19:30");
        _sender.Script(SendOutcome.Permanent("403 Forbidden: bot was blocked by the user"));

        await RunAtAsync(Utc(3, 25, 18, 30));
        await RunAtAsync(Utc(3, 26, 18, 30));
        var status = await SayAsync("/remind");

        Assert.Single(_sender.Attempts);
        Assert.Empty(_sender.Sent);
        Assert.False((await _reminders.GetAsync(Ann, CancellationToken.None))!.Enabled);
        Assert.Null(await _reminders.NextDueAfterAsync(Instant.MinValue, CancellationToken.None));
        Assert.Contains("stopped because I couldn't message you", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_TemporaryFailure_RetriedAndSentOnce()
    {
        await SayAsync("/remind 19:30");
        _sender.Script(SendOutcome.Temporary("502 Bad Gateway"));

        await RunAtAsync(Utc(3, 25, 18, 30));
        await RunAtAsync(Utc(3, 25, 18, 31)); // the first retry waits a minute
        await RunAtAsync(Utc(3, 25, 18, 40));

        Assert.Equal(2, _sender.Attempts.Count);
        Assert.Equal(Utc(3, 25, 18, 31), Assert.Single(_sender.Sent).At);
    }

    [Fact]
    public async Task Remind_PendingFoundAfterACrash_SentOnceAndNeverAgain()
    {
        await SayAsync("/remind 19:30");
        var stored = await _reminders.GetAsync(Ann, CancellationToken.None);
        // The process died after writing "sending" and before the send finished.
        await _reminders.SaveAsync(stored! with { Attempts = 1, SendingDate = new LocalDate(2026, 3, 25) }, CancellationToken.None);

        await RunAtAsync(Utc(3, 25, 18, 35));
        await RunAtAsync(Utc(3, 25, 18, 36)); // another restart

        Assert.Single(_sender.Sent);
        Assert.Equal(new LocalDate(2026, 3, 25), (await _reminders.GetAsync(Ann, CancellationToken.None))!.LastSentDate);
    }

    [Fact]
    public async Task Remind_TimeChangedAfterTodaysNudge_NextOneTomorrow()
    {
        await SayAsync("/remind 19:30");
        await RunAtAsync(Utc(3, 25, 18, 30));

        var moved = await SayAsync("/remind 22:00");
        await RunAtAsync(Utc(3, 25, 21, 0));

        Assert.Contains("First one: Thu 26 Mar", moved, StringComparison.Ordinal);
        Assert.Single(_sender.Sent);
    }

    [Fact]
    public async Task Remind_ZoneChangedAfterSetting_FollowsTheNewZone()
    {
        await SayAsync("/remind 19:30"); // due 18:30 UTC (Berlin)
        await _people.SaveAsync(new PersonProfile(Ann, "Ann", "America/New_York"), CancellationToken.None);

        await RunAtAsync(Utc(3, 25, 18, 30)); // 14:30 in New York: not yet
        await RunAtAsync(Utc(3, 25, 23, 30)); // 19:30 EDT

        Assert.Equal(Utc(3, 25, 23, 30), Assert.Single(_sender.Sent).At);
    }

    [Fact]
    public async Task DelayUntilNext_SleepsUntilTheNextReminder()
    {
        await SayAsync("/remind 13:10"); // ten minutes from now in Berlin

        Assert.Equal(TimeSpan.FromSeconds(30), await new ReminderRunner(new InMemoryReminderStore(), _completions, _pauses, _zones, [_sender], Options.Create(new SchedulerOptions()), NullLogger<ReminderRunner>.Instance).DelayUntilNextAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(30), await Runner.DelayUntilNextAsync(CancellationToken.None)); // capped at the poll interval
        _time.Advance(TimeSpan.FromMinutes(9.5));
        Assert.Equal(TimeSpan.FromSeconds(30), await Runner.DelayUntilNextAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), await Runner.DelayUntilNextAsync(CancellationToken.None));
    }
}

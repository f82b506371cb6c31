using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests;

/// <summary>What only a real file shows: reminders kept across a reopen, the due index, and no second nudge after a restart.</summary>
public sealed class ReminderStoreTests : IDisposable
{
    private static readonly PersonKey Ann = new("telegram", "1");
    private static readonly PersonKey Bob = new("discord", "2");
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-reminders-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 25, 18, 30, 0, TimeSpan.Zero));
    private ChatCoachDatabase _database;

    public ReminderStoreTests() => _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private LiteDbReminderStore Store => new(_database);

    private void Reopen()
    {
        _database.Dispose();
        _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));
    }

    private static Reminder At(PersonKey person, int hour) =>
        new(person, new ChatAddress(person.Platform, person.UserId, null), new LocalTime(hour, 30), new LocalDate(2026, 3, 25), Instant.FromUtc(2026, 3, 25, hour, 30));

    [Fact]
    public async Task Save_ThenReopen_EveryFieldKept()
    {
        var reminder = At(Ann, 18) with { Attempts = 2, SendingDate = new LocalDate(2026, 3, 25), LastSentDate = new LocalDate(2026, 3, 24) };
        var disabled = At(Bob, 7) with { Enabled = false, DisabledReason = "50007 Cannot send messages to this user", NextDue = Instant.MaxValue };
        await Store.SaveAsync(reminder, CancellationToken.None);
        await Store.SaveAsync(disabled, CancellationToken.None);
        Reopen();

        Assert.Equal(reminder, await Store.GetAsync(Ann, CancellationToken.None));
        Assert.Equal(disabled, await Store.GetAsync(Bob, CancellationToken.None));
    }

    [Fact]
    public async Task FindDue_OnlyEnabledAndDue_EarliestFirst()
    {
        await Store.SaveAsync(At(Ann, 18), CancellationToken.None);
        await Store.SaveAsync(At(Bob, 7), CancellationToken.None);
        await Store.SaveAsync(At(new PersonKey("telegram", "3"), 20), CancellationToken.None);
        await Store.SaveAsync(At(new PersonKey("telegram", "4"), 6) with { Enabled = false, NextDue = Instant.MaxValue }, CancellationToken.None);

        var due = await Store.FindDueAsync(Instant.FromUtc(2026, 3, 25, 19, 0), 0, 10, CancellationToken.None);

        Assert.Equal([Bob, Ann], due.Select(r => r.Person));
        Assert.Equal(Instant.FromUtc(2026, 3, 25, 20, 30), await Store.NextDueAfterAsync(Instant.FromUtc(2026, 3, 25, 19, 0), CancellationToken.None));
    }

    [Fact]
    public async Task DeletePerson_OnlyThatPerson_CountsTheRow()
    {
        await Store.SaveAsync(At(Ann, 18), CancellationToken.None);
        await Store.SaveAsync(At(Bob, 7), CancellationToken.None);

        Assert.Equal(1, await Store.DeletePersonAsync(Ann, CancellationToken.None));
        Assert.Equal(0, await Store.DeletePersonAsync(Ann, CancellationToken.None));
        Reopen();

        Assert.Null(await Store.GetAsync(Ann, CancellationToken.None));
        Assert.NotNull(await Store.GetAsync(Bob, CancellationToken.None));
    }

    [Fact]
    public async Task Runner_SentThenRestarted_NoSecondNudgeThatDay()
    {
        await Store.SaveAsync(At(Ann, 18), CancellationToken.None);
        var sender = new CountingSender();

        await RunnerOn(sender).RunDueAsync(CancellationToken.None);
        Reopen();
        _time.Advance(TimeSpan.FromMinutes(5));
        await RunnerOn(sender).RunDueAsync(CancellationToken.None);

        Assert.Equal(1, sender.Count);
        var stored = await Store.GetAsync(Ann, CancellationToken.None);
        Assert.Equal(new LocalDate(2026, 3, 25), stored!.LastSentDate);
        Assert.Equal(Instant.FromUtc(2026, 3, 26, 18, 30), stored.NextDue);
    }

    private ReminderRunner RunnerOn(IChatSender sender)
    {
        var people = new LiteDbPersonStore(_database);
        return new ReminderRunner(
            Store,
            new LiteDbCompletionStore(_database),
            new LiteDbPauseStore(_database),
            new PersonClock(people, _time),
            [sender],
            Options.Create(new SchedulerOptions()),
            NullLogger<ReminderRunner>.Instance);
    }

    private sealed class CountingSender : IChatSender
    {
        public int Count { get; private set; }

        public string Platform => "telegram";

        public Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
        {
            Count++;
            return Task.FromResult(SendOutcome.Sent);
        }
    }
}

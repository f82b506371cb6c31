using System.Text;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests.People;

/// <summary>Linking and forgetting on a real database file: what /forget deletes is gone from the file's bytes.</summary>
public sealed class PeopleFileTests : IDisposable
{
    private const string Name = "Zelda Quixotic";

    // The name Discord shows in the server: kept for that server's leaderboard only.
    private const string ServerName = "Xanthippe Vorwerk";
    private static readonly PersonKey Telegram = new("telegram", "7301946285");
    private static readonly PersonKey Discord = new("discord", "918273645546372819");
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-people-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly ChatCoachDatabase _database;
    private readonly CommandRouter _router;
    private readonly LiteDbAccountLinkStore _links;

    private readonly LiteDbProgressionStore _progression;
    private readonly LiteDbReminderStore _reminders;

    public PeopleFileTests()
    {
        _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));
        var people = new LiteDbPersonStore(_database);
        var completions = new LiteDbCompletionStore(_database);
        var summaries = new LiteDbStreakSummaryStore(_database);
        var activity = new LiteDbStreakActivityStore(_database);
        var pauses = new LiteDbPauseStore(_database);
        var checkIns = new LiteDbCheckInStore(_database);
        var subscriptions = new LiteDbSubscriptionStore(_database);
        _links = new LiteDbAccountLinkStore(_database);
        var zones = new PersonClock(people, _time);
        var streaks = new StreakService(completions, summaries, activity, people, _time, pauses);
        var pauseService = new PauseService(pauses, zones);
        var coaching = new CoachingService(checkIns, zones);
        _progression = new LiteDbProgressionStore(_database);
        _reminders = new LiteDbReminderStore(_database);
        var data = new PersonData(people, completions, summaries, activity, pauses, checkIns, subscriptions, _progression, _reminders);
        var gate = new PersonGate();
        var service = new PeopleService(_links, data, gate, _time);
        _router = new CommandRouter(
            [
                new DoneHandler(streaks, coaching, pauseService),
                new StreakHandler(streaks),
                new TimeZoneHandler(streaks, people, _time),
                new PainHandler(coaching),
                new PauseHandler(pauseService),
                new SubscribeHandler(subscriptions, zones),
                new LinkHandler(service),
                new MyDataHandler(new PersonExport(_links, data, _time)),
                new ForgetHandler(service),
            ],
            NullLogger<CommandRouter>.Instance,
            new PersonResolver(_links, gate));
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<Reply> SayAsync(PersonKey account, string text, string? group = null) =>
        await _router.RouteAsync(
            new InboundMessage(account.Platform, group ?? account.UserId, account.UserId, account.Platform == "discord" && group is not null ? ServerName : Name, IsDirect: group is null, IsAdmin: true, text)
            {
                ServerId = account.Platform == "discord" && group is not null ? "4455667788" : null,
            },
            CancellationToken.None) ?? throw new InvalidOperationException(text);

    private async Task LiveALittleAsync()
    {
        await SayAsync(Telegram, "/timezone Europe/Berlin");
        await SayAsync(Telegram, "/done", group: "-100200300");
        await SayAsync(Telegram, "/pain 4");
        await SayAsync(Telegram, "/subscribe 07:30", group: "-100200300");
        _time.Advance(TimeSpan.FromDays(1));
        await SayAsync(Discord, "/done", group: "1122334455");
        var code = ((Paragraph)(await SayAsync(Telegram, "/link")).Blocks[0]).Text;
        await SayAsync(Discord, "/link " + code);
        await SayAsync(Discord, "/pause 2");
        await SayAsync(Discord, "/link"); // a pending code of their own
        await SayAsync(Discord, "/link 3333AAAA"); // and a wrong try
        await _progression.SaveAsync(Telegram, new ProgressionState(2, new LocalDate(2026, 11, 1)), default);
        await _reminders.SaveAsync(
            new Reminder(Telegram, new ChatAddress("discord", Discord.UserId), new LocalTime(19, 0), new LocalDate(2026, 11, 3), Instant.FromUtc(2026, 11, 3, 18, 0)),
            default);
    }

    private byte[] FileBytes()
    {
        _database.Database.Checkpoint();
        var path = _database.FilePath;
        var log = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        if (File.Exists(log))
        {
            using var logStream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            logStream.CopyTo(copy);
        }

        return copy.ToArray();
    }

    private static IEnumerable<string> Traces(byte[] bytes) =>
        new[] { Telegram.UserId, Discord.UserId, Name, ServerName }.Where(s => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0);

    [Fact]
    public async Task Forget_RawFileAfterCheckpoint_HoldsNoTraceOfTheirIdsOrName()
    {
        await LiveALittleAsync();
        var before = Traces(FileBytes()).ToList();

        var reply = PlainTextRenderer.Render(await SayAsync(Discord, "/forget yes"));
        var after = Traces(FileBytes()).ToList();

        Assert.Equal([Telegram.UserId, Discord.UserId, Name, ServerName], before); // the search finds them while they are stored
        Assert.Contains("Deleted:", reply, StringComparison.Ordinal);
        Assert.Empty(after);
        var subscription = await new LiteDbSubscriptionStore(_database).FindAsync(new ChatAddress("telegram", "-100200300"), default);
        Assert.Equal(Subscription.NoCreator, subscription!.CreatedBy);
    }

    [Fact]
    public async Task Link_OnTheFile_MergedAndKeptAcrossAReopen()
    {
        await LiveALittleAsync();

        var streak = PlainTextRenderer.Render(await SayAsync(Discord, "/streak"));

        Assert.Contains("Total: 2 days", streak, StringComparison.Ordinal);
        Assert.Equal(Telegram, await _links.FindPersonAsync(Discord, default));
        Assert.Equal([Telegram, Discord], await _links.GetAccountsAsync(Telegram, default));
        Assert.Equal(2, (await new LiteDbCompletionStore(_database).GetAllAsync(Telegram, default)).Count);
        Assert.Empty(await new LiteDbCompletionStore(_database).GetAllAsync(Discord, default));
    }

    [Fact]
    public async Task TakeCode_ManyThreadsAtOnce_ExactlyOneGetsIt()
    {
        for (var round = 0; round < 20; round++)
        {
            var hash = LinkCodes.Hash(LinkCodes.Create());
            await _links.SaveCodeAsync(new PendingLinkCode(hash, Telegram, Instant.FromUtc(2026, 11, 2, 12, 10)), default);

            var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _links.TakeCodeAsync(hash, default))));

            Assert.Single(taken, t => t is not null);
        }
    }

    [Fact]
    public async Task WrongTries_OlderThanTheWindow_AreDropped()
    {
        var at = Instant.FromUtc(2026, 11, 2, 12, 0);
        await _links.RecordWrongTryAsync(Telegram, at, at - Duration.FromHours(1), default);
        var tries = await _links.RecordWrongTryAsync(Telegram, at + Duration.FromMinutes(61), at + Duration.FromMinutes(1), default);

        Assert.Equal([at + Duration.FromMinutes(61)], tries);
    }
}

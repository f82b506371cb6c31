using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Storage;
using ChatCoach.Testing;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Tests.Scheduling;

/// <summary>
/// The real scheduler in a host over a LiteDB temp file, driven by a fake clock from wake-up to wake-up; a "restart"
/// is a second host over the same file.
/// </summary>
public sealed class DailySchedulerTests : IDisposable
{
    private static readonly string[] Times = ["00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "07:00"];

    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-scheduler-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chatcoach.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string, string, string> ClockChangeNights() => new()
    {
        // zone, the day the clocks change, the restart instant (mid-change), expected UTC posts on that day for Times.
        { "Europe/London", "2026-03-29", "2026-03-29T01:05:00Z", "00:30 01:00 01:00 01:00 01:30 02:00 06:00" },
        { "Europe/London", "2026-10-25", "2026-10-25T01:05:00Z", "23:30 00:00 00:30 02:00 02:30 03:00 07:00" },
        { "America/New_York", "2026-03-08", "2026-03-08T07:05:00Z", "05:30 06:00 06:30 07:00 07:00 07:00 11:00" },
        { "America/New_York", "2026-11-01", "2026-11-01T06:05:00Z", "04:30 05:00 05:30 07:00 07:30 08:00 12:00" },
    };

    [Theory]
    [MemberData(nameof(ClockChangeNights))]
    public async Task Run_ClockChangeNightWithRestart_EverySubscriptionPostedOncePerLocalDayAtTheResolvedTime(
        string zoneId, string changeDay, string restartAt, string expectedUtcTimes)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var day = LocalDatePattern.Iso.Parse(changeDay).Value;
        var start = day.PlusDays(-2).At(new LocalTime(12, 0)).InZoneStrictly(zone).ToDateTimeOffset();
        var end = day.PlusDays(2).At(new LocalTime(12, 0)).InZoneStrictly(zone).ToDateTimeOffset();
        var clock = new SteppingClock(start);
        var sender = new RecordingSender(clock);

        using (var first = SchedulerHost.Build(DatabasePath, clock, sender))
        {
            await first.StartAsync();
            for (var i = 0; i < Times.Length; i++)
            {
                var message = User(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/subscribe {Times[i]}");
                await first.Services.GetRequiredService<IPersonStore>().SaveAsync(new PersonProfile(message.Person, "runner", zoneId), CancellationToken.None);
                await first.SayAsync(message);
            }

            await clock.RunUntilAsync(DateTimeOffset.Parse(restartAt, System.Globalization.CultureInfo.InvariantCulture));
            await first.StopAsync();
            clock.SchedulerStopped();
        }

        using (var second = SchedulerHost.Build(DatabasePath, clock, sender))
        {
            await second.StartAsync();
            await clock.RunUntilAsync(end);
            await second.StopAsync();
            clock.SchedulerStopped();
        }

        var expected = expectedUtcTimes.Split(' ');
        for (var i = 0; i < Times.Length; i++)
        {
            var posts = sender.Sent.Where(p => p.Chat.ChatId == i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Select(p => Instant.FromDateTimeOffset(p.At).InZone(zone))
                .ToList();
            Assert.Equal([day.PlusDays(-1), day, day.PlusDays(1), day.PlusDays(2)], posts.Select(p => p.Date));

            // On ordinary days the post comes at the subscribed local time to the minute.
            var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(Times[i]).Value;
            Assert.All(posts.Where(p => p.Date != day), p => Assert.Equal(time, p.TimeOfDay));

            // On the night of the change: the first valid moment, or the first of two.
            Assert.Equal(expected[i], posts.Single(p => p.Date == day).ToInstant().ToDateTimeOffset().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Run_DownEarlierTodayThenRestarted_PostSentLateOnceAndNotAgainAfterAnotherRestart()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero));
        var sender = new RecordingSender(clock);
        using (var first = SchedulerHost.Build(DatabasePath, clock, sender))
        {
            await first.StartAsync();
            await first.SayAsync(User("1", "/subscribe 07:00"));
            await clock.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
            await first.StopAsync();
            clock.SchedulerStopped();
        }

        clock.Jump(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
        await RunHostAsync(clock, sender, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await RunHostAsync(clock, sender, new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero));

        var post = Assert.Single(sender.Sent);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero), post.At);
    }

    [Fact]
    public async Task Run_DownSinceYesterdayMorning_YesterdaySkippedTodayOnTime()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero));
        var sender = new RecordingSender(clock);
        using (var first = SchedulerHost.Build(DatabasePath, clock, sender))
        {
            await first.StartAsync();
            await first.SayAsync(User("1", "/subscribe 07:00"));
            await first.StopAsync();
            clock.SchedulerStopped();
        }

        clock.Jump(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));
        await RunHostAsync(clock, sender, new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

        var post = Assert.Single(sender.Sent);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero), post.At);
        Assert.Equal("Routine for Tue 24 Nov", post.Reply.Title);
    }

    [Fact]
    public async Task Run_PermanentFailure_SubscriptionDisabledWithReasonAndNoMorePosts()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero));
        var sender = new RecordingSender(clock);
        sender.Scripts["1"] = new([SendOutcome.Permanent("Forbidden: bot was kicked from the group chat")]);

        using var host = SchedulerHost.Build(DatabasePath, clock, sender);
        await host.StartAsync();
        await host.SayAsync(User("1", "/subscribe 07:00"));
        await host.SayAsync(User("2", "/subscribe 07:00"));
        await clock.RunUntilAsync(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await host.StopAsync();

        var store = host.Services.GetRequiredService<ISubscriptionStore>();
        var disabled = await store.FindAsync(new ChatAddress("telegram", "1"), CancellationToken.None);
        Assert.False(disabled!.Enabled);
        Assert.Equal("Forbidden: bot was kicked from the group chat", disabled.DisabledReason);
        Assert.Single(sender.Attempts, a => a.Chat.ChatId == "1");
        Assert.Equal(3, sender.Sent.Count(p => p.Chat.ChatId == "2"));
    }

    [Fact]
    public async Task Run_TemporaryFailures_RetriedAfterBackoffThenPostedOnce()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero));
        var sender = new RecordingSender(clock);
        sender.Scripts["1"] = new([SendOutcome.Temporary("429 Too Many Requests"), SendOutcome.Temporary("502 Bad Gateway")]);

        using var host = SchedulerHost.Build(DatabasePath, clock, sender);
        await host.StartAsync();
        await host.SayAsync(User("1", "/subscribe 07:00"));
        await clock.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await host.StopAsync();

        // Default back-off: 1 minute, then doubled.
        Assert.Equal(["07:00", "07:01", "07:03"], sender.Attempts.Select(a => a.At.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Single(sender.Sent);
    }

    private async Task RunHostAsync(SteppingClock clock, IChatSender sender, DateTimeOffset until)
    {
        using var host = SchedulerHost.Build(DatabasePath, clock, sender);
        await host.StartAsync();
        await clock.RunUntilAsync(until);
        await host.StopAsync();
        clock.SchedulerStopped();
    }

    private static InboundMessage User(string id, string text) => Messages.TelegramDirect(id, "Runner " + id, text);
}

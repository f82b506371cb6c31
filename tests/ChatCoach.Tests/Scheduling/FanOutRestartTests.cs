using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ChatCoach.Tests.Scheduling;

public sealed class FanOutRestartTests : IDisposable
{
    private const int Subscriptions = 1_000;
    private const int Parallelism = 8;

    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-fanout-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chatcoach.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_StoppedMidFanOutAndRestarted_EveryChatPostedOnceExceptAtMostTheInFlightOnes()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 6, 59, 0, TimeSpan.Zero));
        var blocking = new BlockingSender(limit: 300, expectedInFlight: Parallelism);
        using (var first = SchedulerHost.Build(DatabasePath, clock, blocking, Parallelism))
        {
            var store = first.Services.GetRequiredService<ISubscriptionStore>();
            for (var i = 0; i < Subscriptions; i++)
            {
                await store.SaveAsync(Due(i), CancellationToken.None);
            }

            await first.StartAsync();
            var sleep = await clock.NextSleepAsync();
            clock.Jump(sleep);
            await blocking.Saturated.WaitAsync(TimeSpan.FromSeconds(60));
            await first.StopAsync();
            clock.SchedulerStopped();
        }

        var recording = new RecordingSender(clock);
        using (var second = SchedulerHost.Build(DatabasePath, clock, recording, Parallelism))
        {
            await second.StartAsync();
            await clock.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 7, 5, 0, TimeSpan.Zero));
            await second.StopAsync();
        }

        var posts = blocking.Delivered.Concat(blocking.InFlight).Concat(recording.Sent.Select(p => p.Chat.ChatId))
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(300, blocking.Delivered.Count);
        Assert.Equal(Subscriptions, posts.Count);
        var repeated = posts.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        Assert.All(posts.Values, count => Assert.InRange(count, 1, 2));
        Assert.InRange(repeated.Count, 0, Parallelism);

        // The posts in flight at the stop were recorded as pending, so they (and only they) went out again.
        Assert.Equal(Parallelism, blocking.InFlight.Count);
        Assert.Equal(blocking.InFlight.Order(), repeated.Order());
        Assert.DoesNotContain(recording.Sent, p => blocking.Delivered.Contains(p.Chat.ChatId));
    }

    private static Subscription Due(int i) => new()
    {
        Chat = new ChatAddress("telegram", "chat-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey("telegram", "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        NextLocalDate = new LocalDate(2026, 11, 23),
        NextDue = Instant.FromUtc(2026, 11, 23, 7, 0),
    };
}

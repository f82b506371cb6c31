using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ChatCoach.Tests.Reliability;

/// <summary>A stop during a fan-out: the posts in flight are not failures; they stay due, their attempt uncounted.</summary>
public sealed class InFlightAtShutdownTests : IDisposable
{
    private const int Parallelism = 4;
    private static readonly Instant DueAt = Instant.FromUtc(2026, 11, 23, 7, 0);
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-inflight-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stop_DuringFanOut_PostsInFlightStayDueWithNoAttemptCounted(bool answersTemporaryOnStop)
    {
        var path = Path.Combine(_directory, "chatcoach.db");
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 6, 59, 0, TimeSpan.Zero));
        var blocking = new BlockingSender(limit: 10, expectedInFlight: Parallelism, answersTemporaryOnStop);
        using (var host = SchedulerHost.Build(path, clock, blocking, Parallelism))
        {
            var store = host.Services.GetRequiredService<ISubscriptionStore>();
            for (var i = 0; i < 40; i++)
            {
                await store.SaveAsync(Due(i), CancellationToken.None);
            }

            await host.StartAsync();
            clock.Jump(await clock.NextSleepAsync());
            await blocking.Saturated.WaitAsync(TimeSpan.FromSeconds(60));
            await host.StopAsync();
            clock.SchedulerStopped();

            var subscriptions = host.Services.GetRequiredService<ISubscriptionStore>();
            var deliveries = host.Services.GetRequiredService<IDeliveryLog>();
            Assert.Equal(Parallelism, blocking.InFlight.Count);
            foreach (var chatId in blocking.InFlight)
            {
                var subscription = await subscriptions.FindAsync(new ChatAddress("telegram", chatId), CancellationToken.None);
                Assert.Equal(DueAt, subscription!.NextDue); // still due, no 60 s retry delay
                var delivery = await deliveries.FindAsync(subscription.Id, new LocalDate(2026, 11, 23), CancellationToken.None);
                Assert.Equal(DeliveryStatus.Pending, delivery!.Status);
                Assert.Equal(0, delivery.Attempts);
            }
        }
    }

    private static Subscription Due(int i) => new()
    {
        Chat = new ChatAddress("telegram", "chat-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey("telegram", "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        NextLocalDate = new LocalDate(2026, 11, 23),
        NextDue = DueAt,
    };
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Storage.Contract.Tests.Backends;
using ChatCoach.Storage.Contract.Tests.Contracts;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests.Scheduling;

/// <summary>
/// Two schedulers (two instances, each with its own stores on the same data) posting from one database, on a fake
/// clock: every subscription is posted once per local day, and a post whose instance died is taken over after the lease.
/// </summary>
public abstract class SeveralInstancesContract<TBackend> : StoreContract<TBackend>
    where TBackend : ISharedStoreBackend, new()
{
    private const int Chats = 120;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
    private readonly SchedulerOptions _options = new() { MaxParallelSends = 8, BatchSize = 50 };

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    [StoreFact]
    public async Task TwoSchedulers_SameDueSubscriptions_EachPostedOncePerDay()
    {
        var other = await Backend.OpenAnotherInstanceAsync();
        for (var i = 0; i < Chats; i++)
        {
            await Backend.Subscriptions.SaveAsync(Subscribe(new ChatAddress("telegram", $"chat-{i}"), i % 3 == 0 ? "Europe/London" : "UTC"), None);
        }

        // One platform: both instances post through the same recording sender, which yields so the two interleave.
        var platform = new InterleavingSender(_time);
        var first = Runner(Backend, platform);
        var second = Runner(other, platform);

        for (var day = 0; day < 2; day++)
        {
            _time.SetUtcNow(new DateTimeOffset(2026, 11, 23 + day, 7, 0, 0, TimeSpan.Zero));
            await Task.WhenAll(Task.Run(() => first.RunDueAsync(None)), Task.Run(() => second.RunDueAsync(None)));
            await Task.WhenAll(Task.Run(() => first.RunDueAsync(None)), Task.Run(() => second.RunDueAsync(None)));
        }

        var posts = platform.Sent.GroupBy(p => p.Chat.ChatId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Chats, posts.Count);
        Assert.All(posts, p => Assert.Equal(2, p.Value));
        Assert.Empty(await Backend.Subscriptions.FindDueAsync(Now, 0, 10, None));
        Assert.Equal(DeliveryStatus.Sent, (await other.Deliveries.FindAsync("telegram:chat-7", new LocalDate(2026, 11, 24), None))?.Status);
    }

    [StoreFact]
    public async Task InstanceDiedHoldingTheClaim_TheOtherPostsOnceAfterTheLease()
    {
        var survivor = await Backend.OpenAnotherInstanceAsync();
        var chat = new ChatAddress("telegram", "chat-1");
        await Backend.Subscriptions.SaveAsync(Subscribe(chat, "UTC"), None);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));

        // The instance that died: it claimed the post and wrote "pending", then nothing more.
        var date = new LocalDate(2026, 11, 23);
        Assert.True(await Backend.Claims.TryClaimAsync("telegram:chat-1", date, Now, Duration.FromTimeSpan(_options.ClaimLease), None));
        await Backend.Deliveries.SaveAsync(new Delivery("telegram:chat-1", date, DeliveryStatus.Pending, 1, Now), None);

        var platform = new InterleavingSender(_time);
        var runner = Runner(survivor, platform);
        await runner.RunDueAsync(None);
        _time.Advance(_options.ClaimLease - TimeSpan.FromSeconds(1));
        await runner.RunDueAsync(None);
        Assert.Empty(platform.Sent);

        _time.Advance(TimeSpan.FromSeconds(1));
        await runner.RunDueAsync(None);
        await runner.RunDueAsync(None);

        var post = Assert.Single(platform.Sent);
        Assert.Equal(chat, post.Chat);
        Assert.Equal(new Delivery("telegram:chat-1", date, DeliveryStatus.Sent, 2, Now), await Backend.Deliveries.FindAsync("telegram:chat-1", date, None));
    }

    private DailyPostRunner Runner(ISharedStoreBackend instance, IChatSender sender) => new(
        instance.Subscriptions,
        instance.Deliveries,
        [sender],
        new RoutinePlanner(RoutineTestData.Catalog),
        RoutineTestData.Catalog,
        _time,
        Options.Create(_options),
        NullLogger<DailyPostRunner>.Instance,
        claims: instance.Claims);

    private Subscription Subscribe(ChatAddress chat, string zone) => new()
    {
        Chat = chat,
        LocalTime = new LocalTime(7, 0),
        ZoneId = zone,
        CreatedBy = Ann,
        ChangedAt = Now,
        NextLocalDate = new LocalDate(2026, 11, 23),
        NextDue = Instant.FromUtc(2026, 11, 23, 7, 0),
    };

    /// <summary>Records every post; yields first, so two schedulers' sends interleave as real network sends do.</summary>
    private sealed class InterleavingSender(TimeProvider time) : IChatSender
    {
        private readonly RecordingChatSender _recorder = new(time);

        public string Platform => "telegram";

        public IEnumerable<(ChatAddress Chat, DateTimeOffset At)> Sent => _recorder.Sent.Select(s => (s.Chat, s.At));

        public bool PostsTo(ChatAddress chat) => true;

        public async Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await _recorder.SendAsync(chat, reply, cancellationToken);
        }
    }
}

public sealed class SeveralInstancesInMemory : SeveralInstancesContract<InMemoryBackend>;

public sealed class SeveralInstancesOnPostgres : SeveralInstancesContract<PostgresBackend>;

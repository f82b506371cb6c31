using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.DailyPosts;

/// <summary>The scheduler's pass on in-memory stores, driven pass by pass on a fake clock.</summary>
public sealed class DailyPostRunnerTests
{
    private static readonly ChatAddress Chat = new("telegram", "100");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
    private readonly InMemorySubscriptionStore _store = new();
    private readonly InMemoryDeliveryLog _log = new();
    private readonly SchedulerOptions _options = new() { RetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(4), MaxAttempts = 3 };
    private readonly RecordingChatSender _sender;
    private readonly DailyPostRunner _runner;

    public DailyPostRunnerTests()
    {
        _sender = new RecordingChatSender(_time);
        _runner = new DailyPostRunner(
            _store, _log, [_sender], new RoutinePlanner(RoutineTestData.Catalog), RoutineTestData.Catalog, _time, Options.Create(_options), NullLogger<DailyPostRunner>.Instance);
    }

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    [Fact]
    public async Task RunDue_AtTheTime_PostsTheDaysRoutineWithDoneButtonOnce()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0), focus: "ankles");

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);
        await _runner.RunDueAsync(CancellationToken.None);

        var (chat, at, reply) = Assert.Single(_sender.Sent);
        Assert.Equal(Chat, chat);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), at);
        Assert.Equal("Routine for Mon 23 Nov · ankles", reply.Title);
        Assert.Contains(RoutineReplies.DoneButton, reply.Buttons);
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(_log.All).Status);
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 7, 0), Assert.Single(_store.All).NextDue);
    }

    [Fact]
    public async Task RunDue_GroupChat_PostsTheCompactRoutineWithAHowToButtonForThatDay()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0), focus: "hips");

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        var reply = Assert.Single(_sender.Sent).Reply;
        var plan = new RoutinePlanner(RoutineTestData.Catalog).Plan(new LocalDate(2026, 11, 23), RoutineFocus.Hips);
        Assert.Equal([RoutineReplies.DoneButton, RoutineReplies.InstructionsButton(plan.Date, plan.Focus)], reply.Buttons);
        Assert.Equal(plan.Items.Count, Assert.Single(reply.Blocks.OfType<BulletList>()).Items.Count);
        Assert.True(PlainTextRenderer.Render(reply).Length < 600);
    }

    [Fact]
    public async Task RunDue_DirectChat_PostsTheFullRoutine()
    {
        _sender.DirectChats.Add(Chat.ChatId);
        await SubscribeAsync(Chat, new LocalTime(7, 0), focus: "hips");

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        var reply = Assert.Single(_sender.Sent).Reply;
        var plan = new RoutinePlanner(RoutineTestData.Catalog).Plan(new LocalDate(2026, 11, 23), RoutineFocus.Hips);
        Assert.Equal([RoutineReplies.DoneButton], reply.Buttons);
        Assert.Equal(plan.Items.Count, reply.Blocks.OfType<BulletList>().Count());
    }

    [Fact]
    public async Task RunDue_BeforeTheTime_PostsNothing()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));

        _time.Advance(TimeSpan.FromMinutes(59));
        await _runner.RunDueAsync(CancellationToken.None);

        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public async Task RunDue_MissedEarlierToday_SentLateOnce()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));

        _time.Advance(TimeSpan.FromHours(5));
        await _runner.RunDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        var post = Assert.Single(_sender.Sent);
        Assert.Equal(11, post.At.Hour);
    }

    [Fact]
    public async Task RunDue_MissedYesterday_SkippedAndTodaysPostComesOnTime()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));

        _time.Advance(TimeSpan.FromHours(24)); // 06:00 the next day: yesterday's 07:00 was missed.
        await _runner.RunDueAsync(CancellationToken.None);
        Assert.Empty(_sender.Sent);

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        var post = Assert.Single(_sender.Sent);
        Assert.Equal("Routine for Tue 24 Nov", post.Reply.Title);
    }

    [Fact]
    public async Task RunDue_MissedYesterdayAndTodaysTimePassed_OnlyTodaysSentLate()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));

        _time.Advance(TimeSpan.FromHours(27)); // 09:00 the next day.
        await _runner.RunDueAsync(CancellationToken.None);

        var post = Assert.Single(_sender.Sent);
        Assert.Equal("Routine for Tue 24 Nov", post.Reply.Title);
    }

    [Fact]
    public async Task RunDue_PermanentFailure_DisablesWithReasonAndNeverPostsAgain()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _sender.Script(SendOutcome.Permanent("bot was blocked by the user"));

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));
        await _runner.RunDueAsync(CancellationToken.None);

        var subscription = Assert.Single(_store.All);
        Assert.False(subscription.Enabled);
        Assert.Equal("bot was blocked by the user", subscription.DisabledReason);
        Assert.Single(_sender.Attempts);
        Assert.Empty(_sender.Sent);
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(_log.All).Status);
    }

    [Fact]
    public async Task RunDue_SubscribedAgainAfterPermanentFailureSameDay_PostsToday()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _sender.Script(SendOutcome.Permanent("bot was kicked"));
        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1)); // 08:00: re-added and subscribed for 09:00
        await SubscribeAsync(Chat, new LocalTime(9, 0));
        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        Assert.Equal("Routine for Mon 23 Nov", Assert.Single(_sender.Sent).Reply.Title);
        Assert.True(Assert.Single(_store.All).Enabled);
    }

    [Fact]
    public async Task RunDue_TemporaryFailures_RetriedWithDoublingBackoffThenSent()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _sender.Script(SendOutcome.Temporary("429"), SendOutcome.Temporary("502"));

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);                  // 07:00 fails
        Assert.Equal(Now + Duration.FromMinutes(1), Assert.Single(_store.All).NextDue);
        _time.Advance(TimeSpan.FromSeconds(59));
        await _runner.RunDueAsync(CancellationToken.None);                  // not yet
        _time.Advance(TimeSpan.FromSeconds(1));
        await _runner.RunDueAsync(CancellationToken.None);                  // 07:01 fails
        Assert.Equal(Now + Duration.FromMinutes(2), Assert.Single(_store.All).NextDue);
        _time.Advance(TimeSpan.FromMinutes(2));
        await _runner.RunDueAsync(CancellationToken.None);                  // 07:03 sent

        Assert.Equal([0, 1, 3], _sender.Attempts.Select(a => a.At.Minute));
        Assert.Single(_sender.Sent);
        var delivery = Assert.Single(_log.All);
        Assert.Equal((DeliveryStatus.Sent, 3), (delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task RunDue_TemporaryFailuresUseUpAttempts_GivesUpTheDayAndPostsTomorrow()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _sender.Script(SendOutcome.Temporary("502"), SendOutcome.Temporary("502"), SendOutcome.Temporary("502"));

        _time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++)
        {
            await _runner.RunDueAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(3, _sender.Attempts.Count);
        Assert.Equal(new LocalDate(2026, 11, 24), Assert.Single(_store.All).NextLocalDate);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero));
        await _runner.RunDueAsync(CancellationToken.None);
        Assert.Equal("Routine for Tue 24 Nov", Assert.Single(_sender.Sent).Reply.Title);
    }

    [Fact]
    public async Task RunDue_ChatOfAnotherShard_LeftDueAndUnsent()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _sender.ForeignChats.Add(Chat.ChatId);

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        Assert.Empty(_sender.Attempts);
        Assert.Single(await _store.FindDueAsync(Now, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task RunDue_MoreForeignChatsDueThanABatch_OwnChatsStillPostedInTheSamePass()
    {
        _options.BatchSize = 2;
        for (var i = 0; i < 5; i++)
        {
            await SubscribeAsync(new ChatAddress("telegram", "foreign-" + i), new LocalTime(6, 30));
            _sender.ForeignChats.Add("foreign-" + i);
        }

        await SubscribeAsync(new ChatAddress("telegram", "own-1"), new LocalTime(7, 0));
        await SubscribeAsync(new ChatAddress("telegram", "own-2"), new LocalTime(7, 0));
        _time.Advance(TimeSpan.FromHours(1));

        var seen = await _runner.RunDueAsync(CancellationToken.None);

        Assert.Equal(["own-1", "own-2"], _sender.Sent.Select(p => p.Chat.ChatId).Order());
        Assert.Equal(7, seen);
    }

    [Fact]
    public async Task RunDue_CrashLeftAPendingDelivery_SendsItAgainOnce()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        await _log.SaveAsync(new Delivery("telegram:100", new LocalDate(2026, 11, 23), DeliveryStatus.Pending, 1, Now), CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);
        await _runner.RunDueAsync(CancellationToken.None);

        Assert.Single(_sender.Sent);
        Assert.Equal(2, Assert.Single(_log.All).Attempts);
    }

    [Fact]
    public async Task RunDue_CrashAfterSentWasRecorded_DoesNotPostAgain()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        await _log.SaveAsync(new Delivery("telegram:100", new LocalDate(2026, 11, 23), DeliveryStatus.Sent, 1, Now), CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        Assert.Empty(_sender.Attempts);
        Assert.Equal(new LocalDate(2026, 11, 24), Assert.Single(_store.All).NextLocalDate);
    }

    [Fact]
    public async Task DelayUntilNext_NextPostSoonerThanPoll_WaitsExactlyUntilIt()
    {
        await SubscribeAsync(Chat, new LocalTime(6, 0, 10));

        Assert.Equal(TimeSpan.FromSeconds(10), await _runner.DelayUntilNextAsync(CancellationToken.None));
        await _store.DeleteAsync(Chat, CancellationToken.None);
        Assert.Equal(_options.PollInterval, await _runner.DelayUntilNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunDue_ResubscribedToALaterTimeAfterTodaysPost_NoSecondPostToday()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _time.Advance(TimeSpan.FromHours(1));
        await _runner.RunDueAsync(CancellationToken.None);

        await SubscribeAsync(Chat, new LocalTime(9, 0));
        _time.Advance(TimeSpan.FromHours(3));
        await _runner.RunDueAsync(CancellationToken.None);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await _runner.RunDueAsync(CancellationToken.None);

        Assert.Equal(["Routine for Mon 23 Nov", "Routine for Tue 24 Nov"], _sender.Sent.Select(p => p.Reply.Title));
        Assert.Equal(9, _sender.Sent.Last().At.Hour);
    }

    [Fact]
    public async Task Prune_OldDeliveries_RemovedOncePerDayRecentKept()
    {
        var today = new LocalDate(2026, 11, 23);
        await _log.SaveAsync(new Delivery("telegram:1", today.PlusDays(-15), DeliveryStatus.Sent, 1, Now), CancellationToken.None);
        await _log.SaveAsync(new Delivery("telegram:1", today.PlusDays(-14), DeliveryStatus.Sent, 1, Now), CancellationToken.None);
        await _log.SaveAsync(new Delivery("telegram:1", today, DeliveryStatus.Sent, 1, Now), CancellationToken.None);

        await _runner.PruneAsync(CancellationToken.None);
        await _log.SaveAsync(new Delivery("telegram:2", today.PlusDays(-30), DeliveryStatus.Sent, 1, Now), CancellationToken.None);
        await _runner.PruneAsync(CancellationToken.None);

        Assert.Equal([today.PlusDays(-30), today.PlusDays(-14), today], _log.All.Select(d => d.LocalDate).Order());
    }

    [Fact]
    public async Task DelayUntilNext_DueInASplitMillisecond_RoundsUpSoTheTimerCannotFireEarly()
    {
        await SubscribeAsync(Chat, new LocalTime(7, 0));
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero) - TimeSpan.FromTicks(3_000));

        Assert.Equal(TimeSpan.FromMilliseconds(1), await _runner.DelayUntilNextAsync(CancellationToken.None));
    }

    private Task SubscribeAsync(ChatAddress chat, LocalTime time, string? zoneId = null, string? focus = null)
    {
        var (date, due) = PostTimes.NextAfter(Now, time, ChatCoach.Core.People.Zones.FromId(zoneId));
        return _store.SaveAsync(
            new Subscription
            {
                Chat = chat,
                LocalTime = time,
                ZoneId = zoneId,
                Focus = focus,
                CreatedBy = new PersonKey(chat.Platform, "1"),
                ChangedAt = Now,
                NextLocalDate = date,
                NextDue = due,
            },
            CancellationToken.None);
    }
}

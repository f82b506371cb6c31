using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests;

public sealed class SubscriptionStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-subs-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chatcoach.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Save_ThenReopen_EveryFieldSurvives()
    {
        var subscription = Make("discord", "c1", Instant.FromUtc(2026, 3, 29, 1, 0)) with
        {
            Chat = new ChatAddress("discord", "c1", "guild-9"),
            LocalTime = new LocalTime(1, 30),
            ZoneId = "Europe/London",
            Focus = "hips",
            NextLocalDate = new LocalDate(2026, 3, 29),
            ChangedAt = Instant.FromUtc(2026, 3, 27, 18, 4, 5),
        };
        using (var database = new ChatCoachDatabase(DatabasePath))
        {
            await new LiteDbSubscriptionStore(database).SaveAsync(subscription, CancellationToken.None);
        }

        using var reopened = new ChatCoachDatabase(DatabasePath);
        var found = await new LiteDbSubscriptionStore(reopened).FindAsync(new ChatAddress("discord", "c1"), CancellationToken.None);

        Assert.Equal(subscription, found);
    }

    [Fact]
    public async Task Save_InAForumTopic_ThreadSurvivesAndTheChatIsTheKey()
    {
        var subscription = Make("telegram", "-1001", Instant.FromUtc(2026, 3, 29, 7, 0)) with
        {
            Chat = new ChatAddress("telegram", "-1001") { ThreadId = "42" },
        };
        using (var database = new ChatCoachDatabase(DatabasePath))
        {
            await new LiteDbSubscriptionStore(database).SaveAsync(subscription, CancellationToken.None);
        }

        using var reopened = new ChatCoachDatabase(DatabasePath);
        var found = await new LiteDbSubscriptionStore(reopened).FindAsync(new ChatAddress("telegram", "-1001"), CancellationToken.None);

        Assert.Equal("42", found!.Chat.ThreadId);
        Assert.Equal(subscription, found);
    }

    [Fact]
    public async Task Save_SameChatTwice_OneRowWithTheLatestValues()
    {
        using var database = new ChatCoachDatabase(DatabasePath);
        var store = new LiteDbSubscriptionStore(database);
        var due = Instant.FromUtc(2026, 11, 24, 7, 0);

        await store.SaveAsync(Make("telegram", "1", due), CancellationToken.None);
        await store.SaveAsync(Make("telegram", "1", due) with { LocalTime = new LocalTime(19, 0) }, CancellationToken.None);

        Assert.Equal(1, database.Database.GetCollection(LiteDbSubscriptionStore.CollectionName).Count());
        Assert.Equal(new LocalTime(19, 0), (await store.FindAsync(new ChatAddress("telegram", "1"), CancellationToken.None))!.LocalTime);
    }

    [Fact]
    public async Task FindDue_MixedRows_OnlyEnabledAtOrBeforeNowEarliestFirstUpToLimit()
    {
        using var database = new ChatCoachDatabase(DatabasePath);
        var store = new LiteDbSubscriptionStore(database);
        var now = Instant.FromUtc(2026, 11, 24, 7, 0);
        await store.SaveAsync(Make("telegram", "late", now - Duration.FromMinutes(5)), CancellationToken.None);
        await store.SaveAsync(Make("telegram", "exact", now), CancellationToken.None);
        await store.SaveAsync(Make("telegram", "future", now + Duration.FromMilliseconds(1)), CancellationToken.None);
        await store.SaveAsync(Make("telegram", "off", now - Duration.FromHours(1)) with { Enabled = false, DisabledReason = "blocked" }, CancellationToken.None);

        var due = await store.FindDueAsync(now, 0, 10, CancellationToken.None);
        var limited = await store.FindDueAsync(now, 0, 1, CancellationToken.None);

        Assert.Equal(["late", "exact"], due.Select(s => s.Chat.ChatId));
        Assert.Equal("late", Assert.Single(limited).Chat.ChatId);
        Assert.Equal("exact", Assert.Single(await store.FindDueAsync(now, 1, 10, CancellationToken.None)).Chat.ChatId);
        Assert.Equal(now + Duration.FromMilliseconds(1), await store.NextDueAfterAsync(now, CancellationToken.None));
        var disabled = await store.FindAsync(new ChatAddress("telegram", "off"), CancellationToken.None);
        Assert.Equal((false, "blocked", Instant.MaxValue), (disabled!.Enabled, disabled.DisabledReason, disabled.NextDue));
    }

    [Fact]
    public async Task NextDueAfter_OnlyDisabledRows_Null()
    {
        using var database = new ChatCoachDatabase(DatabasePath);
        var store = new LiteDbSubscriptionStore(database);
        await store.SaveAsync(Make("telegram", "off", Instant.FromUtc(2030, 1, 1, 0, 0)) with { Enabled = false }, CancellationToken.None);

        Assert.Null(await store.NextDueAfterAsync(Instant.FromUtc(2026, 1, 1, 0, 0), CancellationToken.None));
    }

    [Fact]
    public async Task Delete_ExistingAndMissing_TrueThenFalse()
    {
        using var database = new ChatCoachDatabase(DatabasePath);
        var store = new LiteDbSubscriptionStore(database);
        await store.SaveAsync(Make("telegram", "1", Instant.FromUtc(2026, 1, 1, 7, 0)), CancellationToken.None);

        Assert.True(await store.DeleteAsync(new ChatAddress("telegram", "1"), CancellationToken.None));
        Assert.False(await store.DeleteAsync(new ChatAddress("telegram", "1"), CancellationToken.None));
    }

    [Fact]
    public async Task DeliveryLog_OnePerSubscriptionAndDate_SurvivesReopen()
    {
        var date = new LocalDate(2026, 11, 24);
        using (var database = new ChatCoachDatabase(DatabasePath))
        {
            var log = new LiteDbDeliveryLog(database);
            var at = Instant.FromUtc(2026, 11, 24, 7, 0);
            await log.SaveAsync(new Delivery("telegram:1", date, DeliveryStatus.Pending, 1, at), CancellationToken.None);
            await log.SaveAsync(new Delivery("telegram:1", date, DeliveryStatus.Sent, 1, at), CancellationToken.None);
            await log.SaveAsync(new Delivery("telegram:1", date.PlusDays(1), DeliveryStatus.Failed, 3, at, "502"), CancellationToken.None);
            Assert.Equal(2, database.Database.GetCollection(LiteDbDeliveryLog.CollectionName).Count());
        }

        using var reopened = new ChatCoachDatabase(DatabasePath);
        var reopenedLog = new LiteDbDeliveryLog(reopened);
        Assert.Equal(DeliveryStatus.Sent, (await reopenedLog.FindAsync("telegram:1", date, CancellationToken.None))!.Status);
        Assert.Equal("502", (await reopenedLog.FindAsync("telegram:1", date.PlusDays(1), CancellationToken.None))!.Reason);
        Assert.Null(await reopenedLog.FindAsync("telegram:2", date, CancellationToken.None));
    }

    [Fact]
    public async Task DeliveryLog_DeleteBefore_RemovesOnlyOlderDays()
    {
        using var database = new ChatCoachDatabase(DatabasePath);
        var log = new LiteDbDeliveryLog(database);
        var at = Instant.FromUtc(2026, 11, 24, 7, 0);
        foreach (var day in new[] { 1, 9, 10, 11, 30 })
        {
            await log.SaveAsync(new Delivery("telegram:1", new LocalDate(2026, 11, day), DeliveryStatus.Sent, 1, at), CancellationToken.None);
        }

        var removed = await log.DeleteBeforeAsync(new LocalDate(2026, 11, 10), CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Null(await log.FindAsync("telegram:1", new LocalDate(2026, 11, 9), CancellationToken.None));
        Assert.NotNull(await log.FindAsync("telegram:1", new LocalDate(2026, 11, 10), CancellationToken.None));
    }

    [Fact]
    public void Open_Store_CreatesTheNextDueIndex()
    {
        using var database = new ChatCoachDatabase(DatabasePath);
        _ = new LiteDbSubscriptionStore(database);

        var indexes = database.Database.GetCollection("$indexes").Find(LiteDB.Query.EQ("collection", LiteDbSubscriptionStore.CollectionName));
        Assert.Contains(indexes, i => i["name"].AsString == "NextDueMs");
    }

    private static Subscription Make(string platform, string chatId, Instant due) => new()
    {
        Chat = new ChatAddress(platform, chatId),
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey(platform, "u1"),
        NextLocalDate = due.InUtc().Date,
        NextDue = due,
    };
}

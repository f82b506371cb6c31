using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.DailyPosts;

public sealed class SubscribeHandlerTests
{
    // Monday 23 Nov 2026, 10:00 UTC (also 10:00 in London, 05:00 in New York).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemorySubscriptionStore _store = new();

    private SubscribeHandler Subscribe => new(_store, new PersonClock(_people, _time));

    private UnsubscribeHandler Unsubscribe => new(_store);

    [Fact]
    public async Task Handle_NoArguments_DailyAtSevenInUtcAndSaysHowToSetTheZone()
    {
        var message = Messages.TelegramDirect("42", "Ann", "/subscribe");

        var reply = await Subscribe.HandleAsync(RoutineTestData.Request(message, "subscribe"), CancellationToken.None);

        var saved = Assert.Single(_store.All);
        Assert.Equal(new LocalTime(7, 0), saved.LocalTime);
        Assert.Null(saved.ZoneId);
        Assert.Null(saved.Focus);
        Assert.Equal(message.Person, saved.CreatedBy);
        Assert.Equal(new LocalDate(2026, 11, 24), saved.NextLocalDate);
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 7, 0), saved.NextDue);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("Next post: tomorrow, Tue 24 Nov at 07:00", text, StringComparison.Ordinal);
        Assert.Contains("UTC", text, StringComparison.Ordinal);
        Assert.Contains("/timezone", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_TimeAndFocusInNewYork_CopiesTheZoneAndSaysNextPostInLocalTime()
    {
        var message = Messages.TelegramDirect("42", "Ann", "/subscribe 7:30 hips");
        _people.SetZone(message.Person, "America/New_York");

        var reply = await Subscribe.HandleAsync(RoutineTestData.Request(message, "subscribe"), CancellationToken.None);

        var saved = Assert.Single(_store.All);
        Assert.Equal("America/New_York", saved.ZoneId);
        Assert.Equal("hips", saved.Focus);
        Assert.Equal(new LocalDate(2026, 11, 23), saved.NextLocalDate);
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 12, 30), saved.NextDue);
        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("Next post: today, Mon 23 Nov at 07:30", text, StringComparison.Ordinal);
        Assert.Contains("America/New_York", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subscribe 7 pm recovery", 19, 0, "recovery")]
    [InlineData("/subscribe ankles 19:00", 19, 0, "ankles")]
    [InlineData("/subscribe 6:15am", 6, 15, null)]
    public async Task Handle_ArgumentsInAnyOrder_Understood(string text, int hour, int minute, string? focus)
    {
        await Subscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", text), "subscribe"), CancellationToken.None);

        var saved = Assert.Single(_store.All);
        Assert.Equal(new LocalTime(hour, minute), saved.LocalTime);
        Assert.Equal(focus, saved.Focus);
    }

    [Fact]
    public async Task Handle_Resubscribe_UpdatesTimeAndFocusOfTheSameChat()
    {
        await Subscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/subscribe 07:00 hips"), "subscribe"), CancellationToken.None);

        var reply = await Subscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/subscribe 18:45"), "subscribe"), CancellationToken.None);

        var saved = Assert.Single(_store.All);
        Assert.Equal(new LocalTime(18, 45), saved.LocalTime);
        Assert.Null(saved.Focus);
        Assert.StartsWith("Updated", PlainTextRenderer.Render(reply).Split('\n')[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subscribe 25:00", "\"25:00\" isn't a time")]
    [InlineData("/subscribe 7:5", "\"7:5\" isn't a time")]
    [InlineData("/subscribe 7:30 8:30", "one time and at most one focus")]
    [InlineData("/subscribe hips ankles", "one time and at most one focus")]
    public async Task Handle_BadTimeOrTooMany_ErrorWithExamplesAndNothingSaved(string text, string expected)
    {
        var reply = await Subscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", text), "subscribe"), CancellationToken.None);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        var rendered = PlainTextRenderer.Render(reply);
        Assert.Contains(expected, rendered, StringComparison.Ordinal);
        Assert.Contains("/subscribe 07:30", rendered, StringComparison.Ordinal);
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task Handle_BadFocus_ErrorListsFociAndNothingSaved()
    {
        var reply = await Subscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/subscribe 7:30 shoulders"), "subscribe"), CancellationToken.None);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("hips, ankles or recovery", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task Handle_NonAdminInGroup_RefusedAndNothingSaved()
    {
        var reply = await Subscribe.HandleAsync(RoutineTestData.Request(Messages.DiscordChannel("42", "Ann", "/subscribe", "-1001", "guild-7", isAdmin: false), "subscribe"), CancellationToken.None);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("Only an admin", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Empty(_store.All);
    }

    [Fact]
    public async Task Handle_AdminInServerChannel_SubscribesTheChannelWithItsServer()
    {
        await Subscribe.HandleAsync(RoutineTestData.Request(Messages.DiscordChannel("42", "Ann", "/subscribe 06:00", "-1001", "guild-7", isAdmin: true), "subscribe"), CancellationToken.None);

        var saved = Assert.Single(_store.All);
        Assert.Equal(new ChatAddress("discord", "-1001", "guild-7"), saved.Chat);
    }

    [Fact]
    public async Task Unsubscribe_Subscribed_RemovesIt()
    {
        await Subscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/subscribe"), "subscribe"), CancellationToken.None);

        var reply = await Unsubscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/unsubscribe"), "unsubscribe"), CancellationToken.None);

        Assert.Empty(_store.All);
        Assert.Contains("no more daily routine posts", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_NotSubscribed_SaysThereWasNothingToStop()
    {
        var reply = await Unsubscribe.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/unsubscribe"), "unsubscribe"), CancellationToken.None);

        Assert.Contains("nothing to stop", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_NonAdminInGroup_RefusedAndSubscriptionKept()
    {
        await Subscribe.HandleAsync(RoutineTestData.Request(Messages.DiscordChannel("42", "Ann", "/subscribe", "-1001", "guild-7", isAdmin: true), "subscribe"), CancellationToken.None);

        var reply = await Unsubscribe.HandleAsync(RoutineTestData.Request(Messages.DiscordChannel("99", "Ann", "/unsubscribe", "-1001", "guild-7", isAdmin: false), "unsubscribe"), CancellationToken.None);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Single(_store.All);
    }
}

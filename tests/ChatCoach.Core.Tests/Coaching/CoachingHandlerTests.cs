using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

public sealed class CoachingHandlerTests
{
    // 23:30 UTC on Monday 23 Nov 2026 is already Tuesday 24 Nov in Auckland.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryCheckInStore _checkIns = new();
    private readonly PersonClock _zones;
    private readonly CoachingService _coaching;

    public CoachingHandlerTests()
    {
        _zones = new PersonClock(_people, _time);
        _coaching = new CoachingService(_checkIns, _zones);
    }

    private PainHandler Pain => new(_coaching);

    private RoutineHandler Routine => new(new RoutinePlanner(RoutineTestData.Catalog), RoutineTestData.Catalog, _zones, _coaching);

    private static CommandRequest Request(InboundMessage message, string command) => RoutineTestData.Request(message, command);

    private Task<Reply> PainAsync(InboundMessage message) => Pain.HandleAsync(Request(message, "pain"), CancellationToken.None);

    [Fact]
    public async Task Pain_Command_StoresOnTheLocalDateOfTheZone()
    {
        var message = Messages.TelegramDirect("42", "Ann", "/pain 3");
        _people.SetZone(message.Person, "Pacific/Auckland");

        var reply = await PainAsync(message);

        var stored = Assert.Single(await _checkIns.GetRangeAsync(message.Person, new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), CancellationToken.None));
        Assert.Equal(new LocalDate(2026, 11, 24), stored.Date);
        Assert.Equal(3, stored.Score);
        Assert.Contains("Noted: 3/10 for Tue 24 Nov", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.False(reply.IsPrivate); // a direct chat: the reply is posted, not only a toast
    }

    [Fact]
    public async Task Pain_SecondCheckInSameDay_ReplacesTheFirst()
    {
        await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 2"));
        var reply = await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 5"));

        var stored = Assert.Single(await _checkIns.GetRangeAsync(new PersonKey("telegram", "42"), new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), CancellationToken.None));
        Assert.Equal(5, stored.Score);
        Assert.Contains("replacing today's earlier check-in", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pain_NextDay_IsANewCheckIn()
    {
        await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 2"));
        _time.Advance(TimeSpan.FromHours(1)); // 00:30 UTC, the next day
        await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 2"));

        Assert.Equal(2, (await _checkIns.GetRangeAsync(new PersonKey("telegram", "42"), new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("/pain")]
    [InlineData("/pain 11")]
    [InlineData("/pain -1")]
    [InlineData("/pain 2.5")]
    [InlineData("/pain lots")]
    public async Task Pain_BadFigure_OneLineErrorAndNothingStored(string text)
    {
        var reply = await PainAsync(Messages.TelegramDirect("42", "Ann", text));

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("0 (none) to 10", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Empty(await _checkIns.GetRangeAsync(new PersonKey("telegram", "42"), new LocalDate(2000, 1, 1), new LocalDate(2100, 1, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Pain_InAGroup_KeepsTheFigureOutOfTheReply()
    {
        var reply = await PainAsync(Messages.DiscordChannel("42", "Ann", "/pain 5", "-1001", "guild-7", isAdmin: false));

        var text = PlainTextRenderer.Render(reply);
        Assert.DoesNotContain("5/10", text, StringComparison.Ordinal);
        Assert.Contains("noted for you only", text, StringComparison.Ordinal);
        Assert.Equal("Noted: 5/10", reply.Notice); // a toast only the presser sees
        Assert.True(reply.IsPrivate);
    }

    [Fact]
    public async Task Routine_DayAfterPainFive_DirectChatGetsTheGentlerVersion()
    {
        await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 5"));
        _time.Advance(TimeSpan.FromHours(10));

        var reply = await Routine.HandleAsync(Request(Messages.TelegramDirect("42", "Ann", "/routine"), "routine"), CancellationToken.None);

        var text = PlainTextRenderer.Render(reply);
        Assert.StartsWith("Your gentler routine for Tue 24 Nov", reply.Title, StringComparison.Ordinal);
        Assert.Contains("at or below about 2 out of 10", text, StringComparison.Ordinal);
        var deep = RoutineTestData.Catalog.Exercises.Where(e => e.DeepKneeBend).ToList();
        Assert.NotEmpty(deep);
        Assert.All(deep, e => Assert.DoesNotContain(e.Name, text, StringComparison.Ordinal));
        Assert.DoesNotContain(RoutineTestData.Catalog.Exercises, e => e.Kind == ExerciseKind.Strength && text.Contains(e.Name, StringComparison.Ordinal));
        Assert.Contains("Do it the easier way:", text, StringComparison.Ordinal);
        Assert.Equal("done", Assert.Single(reply.Buttons).Action);
    }

    [Fact]
    public async Task Routine_DayAfterPainFive_GroupStillGetsTheSharedRoutine()
    {
        await PainAsync(Messages.DiscordChannel("42", "Ann", "/pain 5", "-1001", "guild-7", isAdmin: false));
        _time.Advance(TimeSpan.FromHours(10));

        var reply = await Routine.HandleAsync(Request(Messages.DiscordChannel("42", "Ann", "/routine", "-1001", "guild-7", isAdmin: false), "routine"), CancellationToken.None);

        Assert.Equal("Routine for Tue 24 Nov", reply.Title);
    }

    [Fact]
    public async Task Routine_DayAfterLowPain_SharedRoutine()
    {
        await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 2"));
        _time.Advance(TimeSpan.FromHours(10));

        var reply = await Routine.HandleAsync(Request(Messages.TelegramDirect("42", "Ann", "/routine"), "routine"), CancellationToken.None);

        Assert.Equal("Routine for Tue 24 Nov", reply.Title);
    }

    [Fact]
    public async Task Pain_HighTwiceInAWeek_SuggestsAProfessionalOnceThatWeek()
    {
        var first = await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 6"));
        _time.Advance(TimeSpan.FromDays(2));
        var second = await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 7"));
        _time.Advance(TimeSpan.FromDays(1));
        var third = await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 8"));
        _time.Advance(TimeSpan.FromDays(6));
        var weekLater = await PainAsync(Messages.TelegramDirect("42", "Ann", "/pain 6"));

        Assert.Empty(first.EntryIds);
        Assert.Equal([CoachingTexts.ProfessionalEntryId], second.EntryIds);
        Assert.Contains("physiotherapist", PlainTextRenderer.Render(second), StringComparison.Ordinal);
        Assert.Empty(third.EntryIds);
        Assert.Equal([CoachingTexts.ProfessionalEntryId], weekLater.EntryIds);
    }

    [Fact]
    public void PainButtons_FitTelegramCallbackData_AndRouteToPain()
    {
        Assert.Equal(["0–1", "2–3", "4–5", "6+"], CoachingTexts.PainButtons.Select(b => b.Label));
        Assert.All(CoachingTexts.PainButtons, b =>
        {
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(b.Action) <= 64);
            Assert.StartsWith("pain:", b.Action, StringComparison.Ordinal);
        });
    }
}

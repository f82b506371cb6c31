using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Routines;

public sealed class RoutineHandlerTests
{
    // 23:30 UTC on Monday 23 Nov 2026 is already Tuesday 24 Nov in Auckland.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly RoutinePlanner _planner = new(RoutineTestData.Catalog);

    private RoutineHandler Handler => new(_planner, RoutineTestData.Catalog, new PersonClock(_people, _time));

    [Fact]
    public async Task Handle_NoFocus_BalancedRoutineWithDosesCuesAndDoneButton()
    {
        var reply = await Handler.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/routine"), "routine"), CancellationToken.None);

        var plan = _planner.Plan(new LocalDate(2026, 11, 23), RoutineFocus.Balanced);
        Assert.Equal(ReplyKinds.Routine, reply.Kind);
        Assert.Equal(new ReplyButton("Done ✅", "done"), Assert.Single(reply.Buttons));
        var lists = reply.Blocks.OfType<BulletList>().ToList();
        Assert.Equal(plan.Items.Count, lists.Count);
        for (var i = 0; i < lists.Count; i++)
        {
            Assert.Contains(plan.Items[i].Name, lists[i].Heading, StringComparison.Ordinal);
            Assert.Contains(plan.Items[i].Dose.Describe(), lists[i].Heading, StringComparison.Ordinal);
            Assert.Contains(lists[i].Items, item => item.StartsWith("Form: ", StringComparison.Ordinal));
        }

        Assert.Contains("sharp pain", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_PersonInAuckland_UsesTheirLocalDate()
    {
        var message = Messages.TelegramDirect("42", "Ann", "/routine hips");
        _people.SetZone(message.Person, "Pacific/Auckland");

        var reply = await Handler.HandleAsync(RoutineTestData.Request(message, "routine"), CancellationToken.None);

        Assert.Equal("Routine for Tue 24 Nov · hips", reply.Title);
        var expected = _planner.Plan(new LocalDate(2026, 11, 24), RoutineFocus.Hips).Items[0].Name;
        Assert.Contains(expected, reply.Blocks.OfType<BulletList>().First().Heading, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NoZoneSet_UsesTheUtcDate()
    {
        var reply = await Handler.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/routine recovery"), "routine"), CancellationToken.None);

        Assert.Equal("Routine for Mon 23 Nov · recovery", reply.Title);
    }

    [Theory]
    [InlineData("/routine elbows")]
    [InlineData("/routine hips please")]
    public async Task Handle_UnknownFocus_ErrorListsTheOptions(string text)
    {
        var reply = await Handler.HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", text), "routine"), CancellationToken.None);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        var rendered = PlainTextRenderer.Render(reply);
        Assert.Contains("hips, ankles or recovery", rendered, StringComparison.Ordinal);
        Assert.Empty(reply.Buttons);
    }
}

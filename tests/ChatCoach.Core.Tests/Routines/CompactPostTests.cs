using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit.Abstractions;

namespace ChatCoach.Core.Tests.Routines;

/// <summary>The compact group post, its "How to do these" button and the deep link, from one routine model.</summary>
public sealed partial class CompactPostTests(ITestOutputHelper output)
{
    private static readonly LocalDate Monday = new(2026, 11, 23);

    // 07:00 UTC on Monday 23 Nov 2026.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly RoutinePlanner _planner = new(RoutineTestData.Catalog);

    public static TheoryData<RoutineFocus> Foci => [RoutineFocus.Balanced, RoutineFocus.Hips, RoutineFocus.Ankles, RoutineFocus.Recovery];

    [Theory]
    [MemberData(nameof(Foci))]
    public void BuildCompact_EveryDayOfEightWeeks_UnderSixHundredCharactersListingEveryExerciseWithItsDose(RoutineFocus focus)
    {
        var compactLengths = new List<int>();
        var fullLengths = new List<int>();
        for (var date = Monday; date < Monday.PlusWeeks(8); date = date.PlusDays(1))
        {
            var routine = _planner.Plan(date, focus);
            var compact = RoutineReplies.BuildCompact(routine);
            var text = PlainTextRenderer.Render(compact);
            compactLengths.Add(text.Length);
            fullLengths.Add(PlainTextRenderer.Render(RoutineReplies.Build(routine, RoutineTestData.Catalog.SafetyNote)).Length);

            Assert.True(text.Length < 600, $"{date} {focus}: {text.Length} characters\n{text}");
            var lines = Assert.Single(compact.Blocks.OfType<BulletList>()).Items;
            Assert.Equal(routine.Items.Count, lines.Count);
            for (var i = 0; i < routine.Items.Count; i++)
            {
                Assert.Equal($"{i + 1}. {routine.Items[i].Name} — {routine.Items[i].Dose.Describe()}", lines[i]);
                Assert.DoesNotContain(routine.Items[i].Steps[0], text, StringComparison.Ordinal);
            }

            Assert.Equal(RoutineReplies.DoneButton, compact.Buttons[0]);
            Assert.Equal(2, compact.Buttons.Count);
            Assert.False(compact.IsPrivate);
            Assert.Contains("sharp pain", text, StringComparison.Ordinal);
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{focus}: full {fullLengths.Min()}–{fullLengths.Max()} (mean {fullLengths.Average():0}) characters, compact {compactLengths.Min()}–{compactLengths.Max()} (mean {compactLengths.Average():0})"));
        Assert.True(compactLengths.Max() * 2 < fullLengths.Min(), "the compact post is less than half the shortest full one");
    }

    [Theory]
    [MemberData(nameof(Foci))]
    public void InstructionsButton_EveryFocus_FitsTelegramAndDiscordLimitsAndTheStartPayloadAlphabet(RoutineFocus focus)
    {
        var date = new LocalDate(2026, 12, 31);
        var button = RoutineReplies.InstructionsButton(date, focus);
        var payload = RoutineReplies.StartPayload(date, focus);

        Assert.InRange(Encoding.UTF8.GetByteCount(button.Action), 1, 64); // Telegram callback_data
        Assert.InRange(button.Action.Length, 1, 100); // Discord custom_id
        Assert.Matches(StartPayloadAlphabet(), payload);
        Assert.True(RoutineReplies.TryParseStartPayload(payload, out var parsedDate, out var parsedFocus));
        Assert.Equal((date, focus), (parsedDate, parsedFocus));
    }

    [Fact]
    public async Task Routine_InGroup_CompactWithDoneAndHowToButtons()
    {
        var reply = await Handler().HandleAsync(RoutineTestData.Request(Messages.DiscordChannel("42", "Ann", "/routine hips", "-1001", "guild-7", isAdmin: false), "routine"), CancellationToken.None);

        Assert.Equal("Routine for Mon 23 Nov · hips", reply.Title);
        Assert.Equal([RoutineReplies.DoneButton, new ReplyButton("How to do these 📋", "routine:howto 20261123 hips")], reply.Buttons);
        Assert.DoesNotContain(reply.Blocks.OfType<BulletList>(), list => list.Items.Any(i => i.StartsWith("Form: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Routine_InDirectChat_KeepsTheFullFormWithOnlyDone()
    {
        var reply = await Handler().HandleAsync(RoutineTestData.Request(Messages.TelegramDirect("42", "Ann", "/routine hips"), "routine"), CancellationToken.None);

        Assert.Equal(RoutineReplies.Build(_planner.Plan(Monday, RoutineFocus.Hips), RoutineTestData.Catalog.SafetyNote), reply, new ReplyComparer());
        Assert.Equal([RoutineReplies.DoneButton], reply.Buttons);
    }

    [Fact]
    public async Task HowToPress_NextDayAfterARestart_ShowsThePostsRoutinePrivately()
    {
        var post = await Handler().HandleAsync(RoutineTestData.Request(Messages.DiscordChannel("42", "Ann", "/routine ankles", "-1001", "guild-7", isAdmin: false), "routine"), CancellationToken.None);
        var posted = _planner.Plan(Monday, RoutineFocus.Ankles);

        // A day later, in a new process: fresh planner, fresh router.
        _time.Advance(TimeSpan.FromDays(1));
        var router = Router(new RoutinePlanner(RoutineTestData.Catalog));
        var press = Messages.DiscordChannel("77", "Ann", "", "-1001", "guild-7", isAdmin: false) with { Text = null, Action = post.Buttons[1].Action };
        var reply = await router.RouteAsync(press, CancellationToken.None);

        Assert.NotNull(reply);
        Assert.True(reply.IsPrivate);
        Assert.Equal("Routine for Mon 23 Nov · ankles", reply.Title);
        Assert.Equal("howto_20261123_ankles", reply.StartPayload);
        var headings = reply.Blocks.OfType<BulletList>().Select(b => b.Heading).ToList();
        Assert.Equal(posted.Items.Select((e, i) => $"{i + 1}. {e.Name} — {e.Dose.Describe()}"), headings);
        Assert.All(reply.Blocks.OfType<BulletList>(), list => Assert.Contains(list.Items, i => i.StartsWith("Form: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StartWithPayload_InPrivateChat_ShowsThatDaysFullRoutine()
    {
        var router = Router(_planner);

        var reply = await router.RouteAsync(Messages.TelegramDirect("42", "Ann", "/start howto_20261125"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal("Routine for Wed 25 Nov", reply.Title);
        Assert.Equal(
            _planner.Plan(new LocalDate(2026, 11, 25), RoutineFocus.Balanced).Items.Select(e => e.Name),
            reply.Blocks.OfType<BulletList>().Select(b => b.Heading!.Split(". ", 2)[1].Split(" — ")[0]));
    }

    [Theory]
    [InlineData("/start")]
    [InlineData("/start somethingelse")]
    [InlineData("/start howto_2026")]
    [InlineData("/start forget_yes")]
    public async Task StartWithoutARoutinePayload_ShowsTheHelp(string text)
    {
        var router = Router(_planner);

        var reply = await router.RouteAsync(Messages.TelegramDirect("42", "Ann", text), CancellationToken.None);

        Assert.Equal(ReplyKinds.Help, reply?.Kind);
    }

    [Theory]
    [InlineData("howto 2026")]
    [InlineData("howto 20261340 hips")]
    [InlineData("howto 20261123 elbows")]
    public async Task HowTo_MalformedArguments_OneLineErrorWithoutButtons(string arguments)
    {
        var request = new CommandRequest(Messages.DiscordChannel("42", "Ann", "", "-1001", "guild-7", isAdmin: false) with { Text = null, Action = "routine:" + arguments }, "routine", arguments, FromButton: true);

        var reply = await Handler().HandleAsync(request, CancellationToken.None);

        Assert.Equal(ReplyKinds.Error, reply.Kind);
        Assert.Contains("routine link is broken", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Empty(reply.Buttons);
    }

    private RoutineHandler Handler() => new(_planner, RoutineTestData.Catalog, new PersonClock(_people, _time));

    /// <summary>The router with /help (and /start) and /routine, as the host wires them, without a container.</summary>
    private CommandRouter Router(RoutinePlanner planner)
    {
        var services = new HandlerServices();
        var routine = new RoutineHandler(planner, RoutineTestData.Catalog, new PersonClock(_people, _time));
        services.Openers = [routine];
        services.Router = new CommandRouter([new HelpHandler(services), routine], NullLogger<CommandRouter>.Instance);
        return services.Router;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex StartPayloadAlphabet();

    /// <summary>Replies compared by what a person sees (records with list members compare lists by reference).</summary>
    private sealed class ReplyComparer : IEqualityComparer<Reply>
    {
        public bool Equals(Reply? x, Reply? y) => x is not null && y is not null && PlainTextRenderer.Render(x) == PlainTextRenderer.Render(y) && x.Buttons.SequenceEqual(y.Buttons);

        public int GetHashCode(Reply obj) => 0;
    }

    private sealed class HandlerServices : IServiceProvider
    {
        public CommandRouter Router { get; set; } = null!;

        public IStartPayloadHandler[] Openers { get; set; } = [];

        public object? GetService(Type serviceType) =>
            serviceType == typeof(ICommandCatalog) ? Router
            : serviceType == typeof(IEnumerable<IStartPayloadHandler>) ? Openers
            : null;
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Core.Tests.People;

/// <summary>
/// The real router, handlers and services over in-memory stores and fake time, with three people's accounts: Ana on
/// Telegram, Ana on Discord and Ana at the console.
/// </summary>
public sealed class PeopleWorld
{
    public static readonly PersonKey Telegram = new("telegram", "100");
    public static readonly PersonKey Discord = new("discord", "555000111222333444");
    public static readonly PersonKey Console = new("console", "local");

    public PeopleWorld(DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
        Completions = new InMemoryCompletionStore(Summaries);
        var zones = new PersonClock(People, Time);
        Streaks = new StreakService(Completions, Summaries, Activity, People, Time, Pauses);
        var pauseService = new PauseService(Pauses, zones);
        var coaching = new CoachingService(CheckIns, zones);
        Data = new PersonData(People, Completions, Summaries, Activity, Pauses, CheckIns, Subscriptions, Progression, Reminders);
        var gate = new PersonGate();
        Service = new PeopleService(Links, Data, gate, Time);
        Cultures = new PersonCultures(People);
        Router = new CommandRouter(
            [
                new DoneHandler(Streaks, coaching, pauseService, cultures: Cultures),
                new StreakHandler(Streaks, cultures: Cultures),
                new TimeZoneHandler(Streaks, People, Time, Cultures),
                new PainHandler(coaching),
                new PauseHandler(pauseService),
                new ResumeHandler(pauseService),
                new SubscribeHandler(Subscriptions, zones, Cultures),
                new RoutineHandler(new RoutinePlanner(RoutineTestData.Catalog), RoutineTestData.Catalog, zones, cultures: Cultures),
                new LeaderboardHandler(Streaks, Cultures),
                new LinkHandler(Service, Cultures),
                new UnlinkHandler(Service, Cultures),
                new WhoAmIHandler(Service, Cultures),
                new MyDataHandler(new PersonExport(Links, Data, Time), Cultures),
                new ForgetHandler(Service, Cultures),
                new UnsubscribeHandler(Subscriptions, Cultures),
                new LanguageHandler(People, Cultures),
            ],
            NullLogger<CommandRouter>.Instance,
            new PersonResolver(Links, gate),
            cultures: Cultures);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryPersonStore People { get; } = new();

    public InMemoryStreakSummaryStore Summaries { get; } = new();

    public InMemoryCompletionStore Completions { get; }

    public InMemoryStreakActivityStore Activity { get; } = new();

    public InMemoryPauseStore Pauses { get; } = new();

    public InMemoryCheckInStore CheckIns { get; } = new();

    public InMemorySubscriptionStore Subscriptions { get; } = new();

    public InMemoryAccountLinkStore Links { get; } = new();

    public InMemoryProgressionStore Progression { get; } = new();

    public InMemoryReminderStore Reminders { get; } = new();

    public StreakService Streaks { get; }

    public PersonData Data { get; }

    public PeopleService Service { get; }

    public CommandRouter Router { get; }

    public PersonCultures Cultures { get; }

    /// <summary>The language each account's app reports (Telegram language_code, Discord locale); none when absent.</summary>
    public Dictionary<PersonKey, string> AppLanguages { get; } = [];

    /// <summary>A message from the account in its direct chat (or in a group when <paramref name="group"/> is set).</summary>
    public static InboundMessage From(PersonKey account, string text, string? group = null, string? action = null) =>
        new(account.Platform, group ?? (account.Platform == "discord" ? "dm-" + account.UserId : account.UserId), account.UserId, "Ana", IsDirect: group is null, IsAdmin: true, Text: text, Action: action)
        {
            AllowsBareCommands = account.Platform == "console",
            ServerId = account.Platform == "discord" && group is not null ? "900" : null,
        };

    /// <summary>The name each account goes by on its platform ("Ana" unless set here).</summary>
    public Dictionary<PersonKey, string> Names { get; } = [];

    public async Task<Reply> SayAsync(PersonKey account, string text, string? group = null) =>
        await Router.RouteAsync(Named(From(account, text, group)) with { PlatformLanguage = AppLanguages.GetValueOrDefault(account) }, CancellationToken.None) ?? throw new InvalidOperationException("no reply to " + text);

    public async Task<string> TextAsync(PersonKey account, string text, string? group = null) =>
        PlainTextRenderer.Render(await SayAsync(account, text, group));

    public async Task<Reply> PressAsync(PersonKey account, string action, string? group = null) =>
        await Router.RouteAsync(Named(From(account, null!, group, action)) with { PlatformLanguage = AppLanguages.GetValueOrDefault(account) }, CancellationToken.None) ?? throw new InvalidOperationException("no reply to " + action);

    /// <summary>Asks for a code on <paramref name="asker"/> and returns it as shown.</summary>
    public async Task<string> CodeAsync(PersonKey asker)
    {
        var reply = await SayAsync(asker, "/link");
        return ((Paragraph)reply.Blocks[0]).Text;
    }

    /// <summary>Links <paramref name="typer"/> to <paramref name="asker"/> with a fresh code; returns the reply text.</summary>
    public async Task<string> LinkAsync(PersonKey asker, PersonKey typer) =>
        await TextAsync(typer, "/link " + await CodeAsync(asker));

    private InboundMessage Named(InboundMessage message) =>
        Names.TryGetValue(message.Account, out var name) ? message with { UserDisplayName = name } : message;

    public Task SetZoneAsync(PersonKey account, string zone) => SayAsync(account, "/timezone " + zone);

    public void Advance(TimeSpan by) => Time.Advance(by);

    public void NextDay() => Time.Advance(TimeSpan.FromDays(1));
}

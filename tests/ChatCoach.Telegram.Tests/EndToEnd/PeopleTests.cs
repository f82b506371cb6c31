using System.Text.Json;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>/link, /mydata (a real sendDocument upload) and /forget through Telegram.Bot's client and the Bot API double.</summary>
public sealed class PeopleTests : IAsyncLifetime
{
    private const long Ana = 4_242_001;
    private static readonly PersonKey DiscordAna = new("discord", "777000111222333444");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public PeopleTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    private TelegramTestHost Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.StartAsync();
        Bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database, addCommands: builder =>
        {
            builder.AddAdviceEngine();
            builder.AddRoutines();
            builder.AddStreaks();
            builder.AddCoaching();
            builder.AddPeople();
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    private async Task<string> SayAsync(string text)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.PrivateMessage(Ana, text));
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, text);
        return Api.Sent[^1].Text;
    }

    [Fact]
    public async Task Link_CodeFromDiscordTypedOnTelegram_OneStreak_ThenMyDataAsADocument_ThenForget()
    {
        // Ana's Discord account did yesterday; the Discord adapter's /link made this code.
        var discordDay = new Completion(DiscordAna, new(2026, 11, 1), new ChatAddress("discord", "dm-1"), NodaTime.Instant.FromUtc(2026, 11, 1, 18, 0));
        await Bot.Get<ICompletionStore>().TryAddAsync(discordDay, new StreakSummary(DiscordAna, "Ana", null, StreakRules.Fold([discordDay.Date])), default);
        var code = await Bot.Get<PeopleService>().CreateCodeAsync(DiscordAna, default);

        var linked = await SayAsync("/link " + code);
        var done = await SayAsync("/done");

        Assert.Contains("Accounts linked", linked, StringComparison.Ordinal);
        Assert.Contains("Discord account 777000111222333444", linked, StringComparison.Ordinal);
        Assert.Contains("day 2", done, StringComparison.OrdinalIgnoreCase);

        Api.Enqueue(Updates.PrivateMessage(Ana, "/mydata"));
        await Bot.WaitUntilAsync(() => Api.Documents.Count == 1, "the /mydata document");
        var document = Api.Documents[0];
        using var json = JsonDocument.Parse(document.Content);
        Assert.Equal(Ana, document.ChatId);
        Assert.EndsWith(".json", document.FileName, StringComparison.Ordinal);
        Assert.Equal(["2026-11-01", "2026-11-02"], json.RootElement.GetProperty("completions").EnumerateArray().Select(c => c.GetProperty("date").GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("accounts").GetArrayLength());
        Assert.Single(Api.Calls, c => c.Method == "sendDocument" && c.Ok);

        var ask = await SayAsync("/forget");
        var button = Api.Sent[^1].Body["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.ToString();
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.Callback(Updates.PrivateChat(Ana), Ana, button));
        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1, "the forget toast");

        Assert.Contains("Delete everything about you?", ask, StringComparison.Ordinal);
        Assert.Equal($"forget:yes {Ana}", button);
        Assert.Empty(await Bot.Get<ICompletionStore>().GetAllDatesAsync(new("telegram", Ana.ToString(System.Globalization.CultureInfo.InvariantCulture)), default));
        Assert.Null(await Bot.Get<IAccountLinkStore>().FindPersonAsync(DiscordAna, default));
        Assert.Null(await Bot.Get<IPersonStore>().FindAsync(new("telegram", Ana.ToString(System.Globalization.CultureInfo.InvariantCulture)), default));
        Assert.Equal(before, Api.Sent.Count); // private: only the toast says so
    }

    [Fact]
    public async Task Link_GroupLeaderboardShowsTheTelegramName_ThenUnlink_BothKeepTheHistory_LaterDaysCountSeparately()
    {
        // Ana's Discord account did yesterday in a server, where she goes by "ana_runs".
        var discordServer = new ChatAddress("discord", "1200000000000000001", "1100000000000000001");
        var discordDay = new Completion(DiscordAna, new(2026, 11, 1), discordServer, NodaTime.Instant.FromUtc(2026, 11, 1, 18, 0));
        await Bot.Get<ICompletionStore>().TryAddAsync(discordDay, new StreakSummary(DiscordAna, "ana_runs", null, StreakRules.Fold([discordDay.Date])), default);
        await Bot.Get<IStreakActivityStore>().RecordAsync(discordServer, DiscordAna, "ana_runs", default);
        await SayAsync("/link " + await Bot.Get<PeopleService>().CreateCodeAsync(DiscordAna, default));

        var before = Api.Sent.Count;
        Api.Enqueue(Updates.GroupMessage(-100_555, Ana, "/done@" + Updates.BotUserName, firstName: "Ana T"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "the group /done");
        Api.Enqueue(Updates.GroupMessage(-100_555, Ana, "/leaderboard@" + Updates.BotUserName, firstName: "Ana T"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before + 1 && Bot.Outbox.Snapshot().InFlight == 0, "the group leaderboard");
        var board = Api.Sent[^1].Text;

        Assert.Contains("1. Ana T — 2 days", board, StringComparison.Ordinal);
        Assert.Equal("ana_runs", Assert.Single(await Bot.Get<StreakService>().GetLeaderboardAsync(discordServer, default)).DisplayName);

        var unlinked = await SayAsync("/unlink");
        _time.Advance(TimeSpan.FromDays(1));
        var done = await SayAsync("/done");

        var telegram = new PersonKey("telegram", Ana.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var completions = Bot.Get<ICompletionStore>();
        Assert.Contains("Unlinked", unlinked, StringComparison.Ordinal);
        Assert.Null(await Bot.Get<IAccountLinkStore>().FindPersonAsync(telegram, default));
        Assert.Contains("day 3", done, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([new NodaTime.LocalDate(2026, 11, 1), new(2026, 11, 2), new(2026, 11, 3)], await completions.GetAllDatesAsync(telegram, default));
        Assert.Equal([new NodaTime.LocalDate(2026, 11, 1), new(2026, 11, 2)], await completions.GetAllDatesAsync(DiscordAna, default));
    }

    [Fact]
    public async Task MyData_InAGroup_NoDocument_AskedToUseADirectChat()
    {
        Api.Enqueue(Updates.GroupMessage(-100_555, Ana, "/mydata@" + Updates.BotUserName));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the refusal");

        Assert.Contains("only works in a direct chat", Api.Sent[0].Text, StringComparison.Ordinal);
        Assert.Empty(Api.Documents);
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>
/// A person who blocked the bot after setting /remind: Telegram answers the private nudge with 403 "bot was blocked by
/// the user", which is permanent, so the reminder stops at the first refusal (no retry, nothing the next day), and
/// /remind says so once the person has unblocked the bot. Through the real client, the Bot API double and LiteDB.
/// </summary>
public sealed class ReminderRefusalTests : IAsyncLifetime
{
    private const long Sam = 771;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public ReminderRefusalTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    private TelegramTestHost Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.StartAsync();
        Bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database, addCommands: builder =>
        {
            builder.AddRoutines();
            builder.AddStreaks();
            builder.AddCoaching();
            builder.AddReminders();
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    [Fact]
    public async Task Remind_PersonBlockedTheBot_TheNudgeStopsAtTheFirst403AndRemindSaysSo()
    {
        var set = await SayAsync("/remind 07:05");
        Assert.Contains("07:05", set.Text, StringComparison.Ordinal);
        Api.BlockedChats[Sam] = true;

        await Bot.WaitUntilAsync(() => Nudges().Count == 1, "the refused reminder", idleStep: TimeSpan.FromSeconds(30));
        Assert.Equal(403, Nudges()[0].Status);
        var person = new PersonKey("telegram", Sam.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reminders = Bot.Get<IReminderStore>();
        await TelegramTestHost.WaitForAsync(
            () => reminders.GetAsync(person, CancellationToken.None).GetAwaiter().GetResult() is { Enabled: false },
            "the reminder disabled");

        // The next day's 07:05 passes without another try: a block is not a temporary failure.
        var nextDay = _time.GetUtcNow().AddDays(1).AddMinutes(10);
        await Bot.WaitUntilAsync(() => _time.GetUtcNow() >= nextDay, "the next day's reminder time", idleStep: TimeSpan.FromMinutes(10));
        Assert.Single(Nudges());

        // Unblocked again (a blocked person cannot write to the bot): /remind tells what happened and how to set it again.
        Api.BlockedChats.TryRemove(Sam, out _);
        var status = await SayAsync("/remind");
        Assert.Contains("couldn't message you any more. Set it again with /remind HH:MM", status.Text, StringComparison.Ordinal);
    }

    /// <summary>Every sendMessage to Sam's private chat other than the answers to his commands: the nudges, refused or not.</summary>
    private List<RecordedCall> Nudges() => [.. Api.Calls.Where(c => c.Method == "sendMessage" && c.ChatId == Sam && !_answers.Contains(c))];

    private readonly HashSet<RecordedCall> _answers = [];

    private async Task<RecordedCall> SayAsync(string text)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.PrivateMessage(Sam, text, "Sam"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        var answer = Api.Sent[before];
        _answers.Add(answer);
        return answer;
    }
}

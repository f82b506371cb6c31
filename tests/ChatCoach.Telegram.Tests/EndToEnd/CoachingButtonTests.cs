using ChatCoach.Core.Advice;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>The pain check-in buttons through Telegram's callback data, with no adapter change.</summary>
public sealed class CoachingButtonTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public CoachingButtonTests() => Api = new BotApiDouble(_time);

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
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    [Fact]
    public async Task DoneInGroup_OffersPainButtons_AndAPressIsOnlyAToast()
    {
        var chat = Updates.GroupChat(-100_320);
        Api.Enqueue(Updates.Callback(chat, 320, "done", firstName: "Ana"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the Done post");

        var keyboard = Api.Sent[0].Body["reply_markup"]!["inline_keyboard"]!.AsArray();
        var data = keyboard.SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.ToString()).ToList();
        Assert.Equal(["pain:1", "pain:3", "pain:5", "pain:6"], data);

        Api.Enqueue(Updates.Callback(chat, 320, "pain:5", firstName: "Ana"));
        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 2, "the check-in toast");

        var toast = Api.Calls.Where(c => c.Method == "answerCallbackQuery").Select(c => c.Body["text"]?.ToString()).Last();
        Assert.Equal("Noted: 5/10", toast);
        Assert.Single(Api.Sent); // nothing about the knee posted to the group
        var stored = await Bot.Get<ICheckInStore>().GetRangeAsync(new("telegram", "320"), new(2026, 3, 1), new(2026, 3, 3), CancellationToken.None);
        Assert.Equal(5, Assert.Single(stored).Score);
    }
}

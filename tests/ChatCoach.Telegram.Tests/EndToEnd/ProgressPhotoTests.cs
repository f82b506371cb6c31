using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>/progress as a real sendPhoto upload through Telegram.Bot's client and the Bot API double.</summary>
public sealed class ProgressPhotoTests : IAsyncLifetime
{
    private const long Ana = 4_242_002;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero));

    public ProgressPhotoTests() => Api = new BotApiDouble(_time);

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
            builder.AddProgressChart();
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    [Fact]
    public async Task Progress_AfterADoneAndACheckIn_APhotoOf800By450WithTheFiguresAsItsCaption()
    {
        foreach (var text in new[] { "/done", "/pain 2" })
        {
            var before = Api.Sent.Count;
            Api.Enqueue(Updates.PrivateMessage(Ana, text));
            await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, text);
        }

        Api.Enqueue(Updates.PrivateMessage(Ana, "/progress"));
        await Bot.WaitUntilAsync(() => Api.Photos.Count == 1, "the /progress photo");

        var photo = Api.Photos[0];
        Assert.Equal(Ana, photo.ChatId);
        Assert.Equal("progress-2026-11-02.png", photo.FileName);
        Assert.Equal("html", photo.ParseMode, ignoreCase: true); // Telegram reads parse_mode without regard to case
        Assert.Contains("Days done per week:", photo.Caption, StringComparison.Ordinal);
        Assert.Contains("Knee check-ins: 1", photo.Caption, StringComparison.Ordinal);
        using var bitmap = SKBitmap.Decode(photo.Content);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));
        Assert.Equal((800, 450), (photo.Width, photo.Height)); // as the double read it from the PNG header
        Assert.Single(Api.Calls, c => c.Method == "sendPhoto" && c.Ok);
        Assert.DoesNotContain(Api.Calls, c => c.Method == "sendPhoto" && !c.Ok);
    }
}

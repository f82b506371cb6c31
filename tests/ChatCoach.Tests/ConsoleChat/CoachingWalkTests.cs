using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Tests.ConsoleChat;

/// <summary>The coaching walk through the real composition and the console chat, over one database, on fake time.</summary>
public sealed class CoachingWalkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-coaching-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Converse_DonePainFiveGentlerRoutinePauseResume_WalksThroughTheCoaching()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

        var first = await ConsoleChatHost.ConverseAsync(_directory, "done\npain 5\n", time);
        time.Advance(TimeSpan.FromDays(1));
        var second = await ConsoleChatHost.ConverseAsync(_directory, "routine\npause 3\nstreak\nresume\ndone\n", time);

        Assert.Contains("How did your knee feel?", first, StringComparison.Ordinal);
        Assert.Contains("[4–5 → type: pain 5]", first, StringComparison.Ordinal);
        Assert.Contains("Noted: 5/10 for Tue 24 Nov", first, StringComparison.Ordinal);
        Assert.Contains("Tomorrow your routine here will be the gentler version", first, StringComparison.Ordinal);
        Assert.Contains("Your gentler routine for Wed 25 Nov", second, StringComparison.Ordinal);
        Assert.Contains("at or below about 2 out of 10", second, StringComparison.Ordinal);
        Assert.Contains("Paused until Fri 27 Nov", second, StringComparison.Ordinal);
        Assert.Contains("Welcome back", second, StringComparison.Ordinal);
        Assert.Contains("add distance slowly", second, StringComparison.Ordinal); // the knowledge base's return steps
        Assert.Contains("Counted — you're on day 2", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converse_SixComfortableDaysThenRoutineRemindProgress_LevelUpReminderAndAChartFile()
    {
        // Monday 2 March 2026; six days of Done with a comfortable check-in, then Sunday.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero));
        for (var day = 0; day < 6; day++)
        {
            await ConsoleChatHost.ConverseAsync(_directory, "done\npain 2\n", time);
            time.Advance(TimeSpan.FromDays(1));
        }

        var sunday = await ConsoleChatHost.ConverseAsync(_directory, "routine\nremind 20:00\nprogress\nprogress\n", time);

        Assert.Contains("Routine for Sun 8 Mar — week 1, level 2", sunday, StringComparison.Ordinal);
        Assert.Contains("Level up", sunday, StringComparison.Ordinal);
        Assert.Contains("I'll nudge you at 20:00 your time", sunday, StringComparison.Ordinal);
        Assert.Contains("Days done per week: ▁▁▁▁▁▁▁▇", sunday, StringComparison.Ordinal);
        var images = Path.Combine(_directory, "images");
        Assert.Contains($"🖼️ Chart (800×450): {Path.Combine(images, "progress-2026-03-08.png")}", sunday, StringComparison.Ordinal);
        Assert.Contains($"🖼️ Chart (800×450): {Path.Combine(images, "progress-2026-03-08-2.png")}", sunday, StringComparison.Ordinal); // never overwritten
        var png = await File.ReadAllBytesAsync(Path.Combine(images, "progress-2026-03-08.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }
}

using System.Text.RegularExpressions;
using ChatCoach.Testing;
using ChatCoach.Tests.Fakes;
using SkiaSharp;

namespace ChatCoach.Tests.ConsoleChat;

/// <summary>
/// The issue's walk in one console conversation, through the real composition over one LiteDB file, on fake time: check-in →
/// gentler routine → progression → pause → welcome back → reminder (really sent by the scheduler) → /progress.
/// </summary>
public sealed partial class CoachWalkEndToEndTests : IDisposable
{
    private const string Nudge = "✉️ Private message\nStreak saver ⏰";

    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-walk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Walk_CheckInGentlerProgressionPauseWelcomeBackReminderProgress_AllInTheConsoleChat()
    {
        // Monday 2 March 2026, 18:00 in Berlin (UTC+1 until the end of March).
        // A TestClock: each step waits for the schedulers to arm their next wait, so no step is lost to a loop between passes.
        var time = new TestClock(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
        await using var chat = await ConsoleSession.StartAsync(_directory, time);

        Assert.Contains("Europe/Berlin", await chat.SayAsync("timezone Europe/Berlin"), StringComparison.Ordinal);

        // Check-in: Done asks how the knee felt; 6/10 makes tomorrow gentler (and, being high pain, restarts the progression count).
        var done = await chat.SayAsync("done");
        Assert.Contains("How did your knee feel?", done, StringComparison.Ordinal);
        var pain = await chat.SayAsync("pain 6");
        Assert.Contains("Noted: 6/10 for Mon 2 Mar", pain, StringComparison.Ordinal);
        Assert.Contains("Tomorrow your routine here will be the gentler version", pain, StringComparison.Ordinal);

        // Gentler routine the next day, with the running-load line.
        await time.AdvanceAndSettleAsync(TimeSpan.FromDays(1));
        var gentler = await chat.SayAsync("routine");
        Assert.Contains("Your gentler routine for Tue 3 Mar", gentler, StringComparison.Ordinal);
        Assert.Contains("at or below about 2 out of 10", gentler, StringComparison.Ordinal);

        // Progression: six comfortable sessions (3–8 March) after the high pain step the doses up on the seventh day.
        for (var day = 0; day < 6; day++)
        {
            Assert.Contains("Counted", await chat.SayAsync("done"), StringComparison.Ordinal);
            await chat.SayAsync("pain 2");
            await time.AdvanceAndSettleAsync(TimeSpan.FromDays(1));
        }

        var levelUp = await chat.SayAsync("routine");
        Assert.Contains("Routine for Mon 9 Mar", levelUp, StringComparison.Ordinal);
        Assert.Contains("level 2", levelUp, StringComparison.Ordinal);
        Assert.Contains("Level up", levelUp, StringComparison.Ordinal);

        // Injury pause, then the welcome back with the knowledge base's return-to-running steps.
        Assert.Contains("Paused until Wed 11 Mar", await chat.SayAsync("pause 3"), StringComparison.Ordinal);
        Assert.Contains("paused until", await chat.SayAsync("streak"), StringComparison.OrdinalIgnoreCase);
        var back = await chat.SayAsync("resume");
        Assert.Contains("Welcome back", back, StringComparison.Ordinal);
        Assert.Contains("add distance slowly", back, StringComparison.Ordinal);

        // Reminder at 20:00 Berlin time; today (9 March) is not done, so the scheduler sends it privately at 20:00.
        Assert.Contains("I'll nudge you at 20:00 your time", await chat.SayAsync("remind 20:00"), StringComparison.Ordinal);
        await time.AdvanceAndSettleAsync(TimeSpan.FromMinutes(119)); // 19:59 in Berlin
        await chat.SayAsync("help");
        Assert.DoesNotContain(Nudge, chat.Output, StringComparison.Ordinal);
        await time.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1)); // 20:00 in Berlin
        await chat.WaitForAsync(text => text.Contains(Nudge, StringComparison.Ordinal));

        // At most one a day: the rest of the evening brings no second nudge.
        await time.AdvanceAndSettleAsync(TimeSpan.FromHours(3));

        // 10 March: done before 20:00, so no nudge that evening.
        await time.AdvanceAndSettleAsync(TimeSpan.FromHours(19)); // 18:00 on 10 March
        Assert.Contains("Counted", await chat.SayAsync("done"), StringComparison.Ordinal);
        await time.AdvanceAndSettleAsync(TimeSpan.FromHours(3)); // 21:00

        // 11 March: not done, so the nudge comes again at 20:00 — the second in three days.
        await time.AdvanceAndSettleAsync(TimeSpan.FromHours(23)); // 20:00 on 11 March
        var output = await chat.WaitForAsync(text => Occurrences(text, Nudge) >= 2);
        Assert.Equal(2, Occurrences(output, Nudge));
        var doneOn10th = output.IndexOf("Counted", output.LastIndexOf("I'll nudge you", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(output[..doneOn10th], Nudge)); // the first nudge on the 9th, none later that day

        // Progress: the chart written to a file, its path and the text sparkline printed beside it.
        var progress = await chat.SayAsync("progress");
        Assert.Contains("Days done per week:", progress, StringComparison.Ordinal);
        Assert.Matches(SparklineRegex(), progress);
        var path = ChartPathRegex().Match(progress);
        Assert.True(path.Success, progress);
        Assert.Equal(Path.Combine(_directory, "images", "progress-2026-03-11.png"), path.Groups["path"].Value);
        using var bitmap = SKBitmap.Decode(path.Groups["path"].Value);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));
    }

    private static int Occurrences(string text, string value) => Regex.Count(text, Regex.Escape(value));

    [GeneratedRegex(@"Days done per week: [▁▂▃▄▅▆▇█]+")]
    private static partial Regex SparklineRegex();

    [GeneratedRegex(@"🖼️ Chart \(800×450\): (?<path>\S+\.png)")]
    private static partial Regex ChartPathRegex();
}

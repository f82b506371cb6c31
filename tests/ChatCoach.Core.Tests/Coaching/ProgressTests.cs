using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using SkiaSharp;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>/progress through the real handler, service and ScottPlot chart on in-memory stores and fake time.</summary>
public sealed class ProgressTests
{
    private static readonly PersonKey Ann = new("telegram", "42");

    // Wednesday 25 March 2026, 19:00 UTC; the eight weeks run from Monday 2 Feb to this week.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 25, 19, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPersonStore _people = new();
    private readonly InMemoryCheckInStore _checkIns = new();
    private readonly InMemoryPauseStore _pauses = new();
    private readonly InMemoryStreakSummaryStore _summaries = new();
    private readonly InMemoryCompletionStore _completions;
    private readonly ProgressService _progress;

    public ProgressTests()
    {
        _completions = new InMemoryCompletionStore(_summaries);
        _progress = new ProgressService(_completions, _checkIns, new PersonClock(_people, _time), _pauses);
    }

    private async Task DoneAsync(LocalDate date) =>
        await _completions.TryAddAsync(
            new Completion(Ann, date, new ChatAddress("telegram", "42"), Instant.FromUtc(2026, 3, 1, 0, 0)),
            new StreakSummary(Ann, "Ann", null, StreakRules.Fold([date], [])),
            CancellationToken.None);

    private Task<bool> PainAsync(LocalDate date, int score) =>
        _checkIns.SaveAsync(new PainCheckIn(Ann, date, score, Instant.FromUtc(2026, 3, 1, 0, 0)), CancellationToken.None);

    private async Task SeedAsync()
    {
        // Mon–Wed of the week of 2 Mar; Mon–Wed of the week of 16 Mar with pain 5 on Tuesday, so Wednesday was gentler; Mon 23 Mar.
        foreach (var day in (int[])[2, 3, 4])
        {
            await DoneAsync(new LocalDate(2026, 3, day));
        }

        await DoneAsync(new LocalDate(2026, 3, 16));
        await DoneAsync(new LocalDate(2026, 3, 17));
        await PainAsync(new LocalDate(2026, 3, 17), 5);
        await DoneAsync(new LocalDate(2026, 3, 18)); // a gentler day: not a strength session
        await PainAsync(new LocalDate(2026, 3, 18), 2);
        await DoneAsync(new LocalDate(2026, 3, 23));
    }

    private static Task<Reply> AskAsync(ProgressHandler handler, InboundMessage message) =>
        handler.HandleAsync(RoutineTestData.Request(message, "progress"), CancellationToken.None);

    [Fact]
    public async Task Get_EightMondayWeeks_DaysStrengthAndTargets()
    {
        await SeedAsync();
        await _pauses.SaveAsync(Ann, new PauseHistory([new PauseSpan(new LocalDate(2026, 2, 9), new LocalDate(2026, 2, 15))], true), CancellationToken.None);

        var data = await _progress.GetAsync(Ann, CancellationToken.None);

        Assert.Equal(new LocalDate(2026, 2, 2), data.First);
        Assert.Equal([0, 0, 0, 0, 3, 0, 3, 1], data.Weeks.Select(w => w.DaysDone));
        Assert.Equal([0, 0, 0, 0, 3, 0, 2, 1], data.Weeks.Select(w => w.StrengthSessions));
        Assert.Equal(0, data.Weeks[1].Target); // the fully paused week
        Assert.Equal([5, 2], data.CheckIns.Select(c => c.Score));
    }

    [Fact]
    public void Sparkline_ZeroToMax_LowestToFullBlock() =>
        Assert.Equal("▁▂▃▄▅▆▇█", ProgressText.Sparkline([0, 1, 2, 3, 4, 5, 6, 7], 7));

    [Fact]
    public async Task Progress_DirectChat_TextSummaryAndA800x450PngThatDecodes()
    {
        await SeedAsync();
        var handler = new ProgressHandler(_progress, new ScottPlotProgressChart());

        var reply = await AskAsync(handler, Messages.TelegramDirect("42", "Ann", "/progress"));

        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("Days done per week: ▁▁▁▁▄▁▄▂ (7 in 8 weeks, oldest first)", text, StringComparison.Ordinal);
        Assert.Contains("Strength sessions per week: 0 0 0 0 3 0 2 1 — target met in 1 of 8 weeks", text, StringComparison.Ordinal);
        Assert.Contains("Knee check-ins: 2, average 3.5/10; latest 5 2", text, StringComparison.Ordinal);
        var image = Assert.IsType<ReplyAttachment>(reply.Attachment);
        Assert.Equal((AttachmentKind.Photo, "image/png", 800, 450), (image.Kind, image.MediaType, image.Width, image.Height));
        using var bitmap = SKBitmap.Decode(image.Content.ToArray());
        Assert.NotNull(bitmap);
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));
        Assert.Equal("progress-2026-03-25.png", image.FileName);
        Assert.Contains("days done 0, 0, 0, 0, 3, 0, 3, 1", image.AltText, StringComparison.Ordinal);

        // The chart is drawn, not blank: the colour-blind-safe blue of the bars appears.
        Assert.Contains(Enumerable.Range(0, 800).SelectMany(x => Enumerable.Range(0, 450).Select(y => bitmap.GetPixel(x, y))), p => p.Red == 0x00 && p.Green == 0x72 && p.Blue == 0xB2);
    }

    [Fact]
    public async Task Progress_NoHistoryNoChart_TextOnlyAndFriendly()
    {
        var reply = await AskAsync(new ProgressHandler(_progress), Messages.TelegramDirect("42", "Ann", "/progress"));

        Assert.Null(reply.Attachment);
        Assert.Contains("Knee check-ins: none yet", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_InAGroup_PointsToADirectChatAndShowsNoFigures()
    {
        await SeedAsync();

        var reply = await AskAsync(new ProgressHandler(_progress, new ScottPlotProgressChart()), Messages.DiscordChannel("42", "Ann", "/progress", "-1001", "guild-7", isAdmin: false));

        Assert.Null(reply.Attachment);
        Assert.DoesNotContain("check-ins:", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
        Assert.Contains("direct chat", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Storage.LiteDb.Tests.Fakes;
using ChatCoach.Testing;

namespace ChatCoach.Storage.LiteDb.Tests.Streaks;

/// <summary>
/// What only a real file shows of the streak commands: a restart keeps streak, zone and leaderboard, and a lost summary
/// collection is rebuilt from the completions. The rules themselves are specified in the core's StreakCommandTests.
/// </summary>
public sealed class StreakRestartTests : IDisposable
{
    // Monday 2 March 2026, 12:00 UTC.
    private readonly StreakHarness _harness = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _harness.Dispose();

    private static string Text(Reply reply) => PlainTextRenderer.Render(reply);

    private async Task<Reply> DoneAsync() =>
        await _harness.CommandAsync(Messages.TelegramGroup("1", "Ann", "/done"));

    private void NextDay() => _harness.Time.Advance(TimeSpan.FromDays(1));

    [Fact]
    public async Task Restart_ReopenSameFile_KeepsStreakZoneAndLeaderboard()
    {
        await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone Berlin"));
        await DoneAsync();
        NextDay();
        await DoneAsync();

        _harness.Reopen();

        var again = await DoneAsync();
        Assert.Contains("Already counted for today — you're on day 2", Text(again), StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", Text(await _harness.CommandAsync(Messages.TelegramDirect("1", "Ann", "/timezone"))), StringComparison.Ordinal);
        Assert.Contains("1. Ann — 2 days", Text(await _harness.CommandAsync(Messages.TelegramGroup("1", "Ann", "/leaderboard"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_SummaryLost_RebuiltFromCompletions()
    {
        await DoneAsync();
        NextDay();
        await DoneAsync();
        _harness.Database.Database.GetCollection("streak_summaries").DeleteAll();
        _harness.Reopen();

        var again = await DoneAsync();

        Assert.Contains("you're on day 2", Text(again), StringComparison.Ordinal);
    }
}

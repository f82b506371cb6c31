using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests;

/// <summary>What only a real file shows: one check-in per person and date by primary key, kept across a reopen.</summary>
public sealed class CheckInStoreTests : IDisposable
{
    private static readonly PersonKey Ann = new("telegram", "1");
    private static readonly PersonKey Other = new("telegram", "12");
    private static readonly LocalDate Day = new(2026, 3, 10);
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-checkins-").FullName;
    private ChatCoachDatabase _database;

    public CheckInStoreTests() => _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private LiteDbCheckInStore Store => new(_database);

    private static PainCheckIn CheckIn(PersonKey person, LocalDate date, int score) => new(person, date, score, Instant.FromUtc(2026, 3, 10, 19, 30));

    private void Reopen()
    {
        _database.Dispose();
        _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));
    }

    [Fact]
    public async Task Save_SameDayTwice_KeepsTheLatestOnlyAcrossAReopen()
    {
        Assert.False(await Store.SaveAsync(CheckIn(Ann, Day, 2), CancellationToken.None));
        Assert.True(await Store.SaveAsync(CheckIn(Ann, Day, 6), CancellationToken.None));
        Reopen();

        var stored = Assert.Single(await Store.GetRangeAsync(Ann, Day.PlusDays(-14), Day, CancellationToken.None));
        Assert.Equal(CheckIn(Ann, Day, 6), stored);
    }

    [Fact]
    public async Task GetRange_OnlyThatPersonAndThoseDays_OldestFirst()
    {
        for (var i = 0; i < 20; i++)
        {
            await Store.SaveAsync(CheckIn(Ann, Day.PlusDays(-i), i % 11), CancellationToken.None);
            await Store.SaveAsync(CheckIn(Other, Day.PlusDays(-i), 1), CancellationToken.None);
        }

        var range = await Store.GetRangeAsync(Ann, Day.PlusDays(-13), Day, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 14).Select(i => Day.PlusDays(i - 13)), range.Select(c => c.Date));
        Assert.All(range, c => Assert.Equal(Ann, c.Person));
    }

    [Fact]
    public async Task LastReferral_SavedAndReadBackAfterReopen()
    {
        Assert.Null(await Store.GetLastReferralAsync(Ann, CancellationToken.None));
        await Store.SetLastReferralAsync(Ann, Day, CancellationToken.None);
        Reopen();

        Assert.Equal(Day, await Store.GetLastReferralAsync(Ann, CancellationToken.None));
        Assert.Null(await Store.GetLastReferralAsync(Other, CancellationToken.None));
    }

    [Fact]
    public async Task Pauses_SavedAndReadBackAfterReopen_OldestFirst()
    {
        var store = new LiteDbPauseStore(_database);
        var history = new ChatCoach.Core.Streaks.PauseHistory(
            [new ChatCoach.Core.Streaks.PauseSpan(Day, Day.PlusDays(6)), new ChatCoach.Core.Streaks.PauseSpan(Day.PlusDays(20), Day.PlusDays(47))],
            WelcomedBack: false);
        await store.SaveAsync(Ann, history, CancellationToken.None);
        Reopen();

        var stored = await new LiteDbPauseStore(_database).GetAsync(Ann, CancellationToken.None);
        Assert.Equal(history.Pauses, stored.Pauses);
        Assert.False(stored.WelcomedBack);
        Assert.Empty((await new LiteDbPauseStore(_database).GetAsync(Other, CancellationToken.None)).Pauses);
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests;

/// <summary>What only a real file shows: a level kept across a reopen, and deletion of one person only.</summary>
public sealed class ProgressionStoreTests : IDisposable
{
    private static readonly PersonKey Ann = new("telegram", "1");
    private static readonly PersonKey Other = new("telegram", "12");
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-progression-").FullName;
    private ChatCoachDatabase _database;

    public ProgressionStoreTests() => _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private LiteDbProgressionStore Store => new(_database);

    private void Reopen()
    {
        _database.Dispose();
        _database = new ChatCoachDatabase(Path.Combine(_directory, "chatcoach.db"));
    }

    [Fact]
    public async Task Save_ThenReopen_SameLevelAndDate()
    {
        await Store.SaveAsync(Ann, new ProgressionState(2, new LocalDate(2026, 3, 7)), CancellationToken.None);
        await Store.SaveAsync(Ann, new ProgressionState(3, new LocalDate(2026, 3, 14)), CancellationToken.None);
        await Store.SaveAsync(Other, ProgressionState.Start, CancellationToken.None);
        Reopen();

        Assert.Equal(new ProgressionState(3, new LocalDate(2026, 3, 14)), await Store.GetAsync(Ann, CancellationToken.None));
        Assert.Equal(ProgressionState.Start, await Store.GetAsync(Other, CancellationToken.None));
        Assert.Null(await Store.GetAsync(new PersonKey("discord", "1"), CancellationToken.None));
    }

    [Fact]
    public async Task DeletePerson_RemovesOnlyThatPerson_CountsTheRow()
    {
        await Store.SaveAsync(Ann, new ProgressionState(2, new LocalDate(2026, 3, 7)), CancellationToken.None);
        await Store.SaveAsync(Other, new ProgressionState(4, new LocalDate(2026, 3, 1)), CancellationToken.None);

        Assert.Equal(1, await Store.DeletePersonAsync(Ann, CancellationToken.None));
        Assert.Equal(0, await Store.DeletePersonAsync(Ann, CancellationToken.None));
        Reopen();

        Assert.Null(await Store.GetAsync(Ann, CancellationToken.None));
        Assert.Equal(4, (await Store.GetAsync(Other, CancellationToken.None))!.Level);
    }
}

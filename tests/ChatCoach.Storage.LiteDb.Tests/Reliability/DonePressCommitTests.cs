using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Storage.LiteDb.Tests.Reliability;

/// <summary>
/// A Done press on a real file is one commit with one fsync, taken before the press is answered
/// (<see cref="DurableLogStream"/>, <see cref="IDonePressStore"/>), and what was answered survives a crash before the
/// log is checkpointed into the data file.
/// </summary>
public sealed class DonePressCommitTests : IDisposable
{
    private static readonly ChatAddress Group = new("discord", "room-1", "guild-7");
    private readonly string _folder = Directory.CreateTempSubdirectory("chatcoach-donecommit-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RecordDone_NewPerson_ProfileActivityCompletionAndSummaryInOneCommitSyncedBeforeTheAnswer()
    {
        using var database = new ChatCoachDatabase(Path.Combine(_folder, "chatcoach.db"));
        var (service, completions) = Service(database);
        var syncs = database.Log.Syncs;

        var outcome = await service.RecordDoneAsync(Press("1", "Ann"), CancellationToken.None);

        Assert.True(outcome.Counted);
        Assert.Equal(1, completions.GroupCommit.Commits);
        Assert.Equal(syncs + 1, database.Log.Syncs); // was three commits (profile, activity, completion), each flushed
        Assert.False(database.Log.HasUnsyncedWrites); // answered only once everything written is on disk
        Assert.Equal("Ann", (await new LiteDbPersonStore(database).FindAsync(Person("1"), CancellationToken.None))?.DisplayName);
        var activity = new LiteDbStreakActivityStore(database);
        Assert.Equal(["discord|chat|room-1", "discord|server|guild-7"], await activity.GetScopesAsync(Person("1"), CancellationToken.None));
        Assert.Equal(1, (await new LiteDbStreakSummaryStore(database).FindAsync(Person("1"), CancellationToken.None))?.State.Run);
    }

    [Fact]
    public async Task RecordDone_DayCountedElsewhereUnderANewName_AnswersAlreadyCountedAndStillSavesTheName()
    {
        using var database = new ChatCoachDatabase(Path.Combine(_folder, "chatcoach.db"));
        var (service, completions) = Service(database);
        await service.RecordDoneAsync(Press("1", "Ann"), CancellationToken.None);

        // Another process counted today and its summary is gone from this one's view (the insert decides).
        await new LiteDbStreakSummaryStore(database).DeletePersonAsync(Person("1"), CancellationToken.None);
        var outcome = await service.RecordDoneAsync(Press("1", "Annie"), CancellationToken.None);

        Assert.False(outcome.Counted);
        Assert.Equal("Annie", (await new LiteDbPersonStore(database).FindAsync(Person("1"), CancellationToken.None))?.DisplayName);
        var names = await new LiteDbStreakActivityStore(database).GetScopeNamesAsync(Person("1"), CancellationToken.None);
        Assert.All(names.Values, name => Assert.Equal("Annie", name));
        Assert.Single(await completions.GetAllDatesAsync(Person("1"), CancellationToken.None));
    }

    [Fact]
    public async Task RecordDone_FilesCopiedRightAfterTheAnswersBeforeAnyCheckpoint_CopyOpensWithEveryPress()
    {
        var path = Path.Combine(_folder, "chatcoach.db");
        var crashed = Path.Combine(_folder, "crashed");
        Directory.CreateDirectory(crashed);
        using (var database = new ChatCoachDatabase(path))
        {
            var (service, _) = Service(database);
            for (var i = 0; i < 20; i++)
            {
                Assert.True((await service.RecordDoneAsync(Press($"{i}", $"Runner {i}"), CancellationToken.None)).Counted);
            }

            // The files as a power cut would leave them now: the presses are only in the log, not yet in the data file.
            Assert.True(new FileInfo(DatabaseFileCheck.LogPathOf(path)).Length > 0);
            foreach (var file in new[] { path, DatabaseFileCheck.LogPathOf(path) })
            {
                using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = File.Create(Path.Combine(crashed, Path.GetFileName(file)));
                source.CopyTo(copy);
            }
        }

        using var reopened = new ChatCoachDatabase(Path.Combine(crashed, "chatcoach.db"));
        Assert.Equal(20, reopened.Database.GetCollection(LiteDbCompletionStore.CollectionName).Count());
        Assert.Equal(20, reopened.Database.GetCollection(LiteDbStreakSummaryStore.CollectionName).Count());
        Assert.Equal(20, reopened.Database.GetCollection(LiteDbPersonStore.CollectionName).Count());
        Assert.Equal(40, reopened.Database.GetCollection(LiteDbStreakActivityStore.CollectionName).Count()); // chat and server rows
    }

    private (StreakService Service, LiteDbCompletionStore Completions) Service(ChatCoachDatabase database)
    {
        var completions = new LiteDbCompletionStore(database);
        var service = new StreakService(completions, new LiteDbStreakSummaryStore(database), new LiteDbStreakActivityStore(database), new LiteDbPersonStore(database), _time);
        return (service, completions);
    }

    private static PersonKey Person(string id) => new("discord", id);

    private static InboundMessage Press(string user, string name) =>
        new("discord", Group.ChatId, user, name, IsDirect: false, IsAdmin: false, Text: null, Action: "done") { ServerId = Group.ServerId };
}

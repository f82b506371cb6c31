using ChatCoach.Core.Storage;
using ChatCoach.Storage.LiteDb;

namespace ChatCoach.Storage.LiteDb.Tests;

public sealed class ChatCoachDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-db-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Open_CorruptFile_ThrowsNamingTheFileAndLeavesItUntouched()
    {
        var path = Path.Combine(_directory, "broken.db");
        var garbage = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 31 % 251)).ToArray();
        File.WriteAllBytes(path, garbage);

        var error = Assert.Throws<StorageUnavailableException>(() => new ChatCoachDatabase(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_NewFile_CreatesEveryStoreCollectionUpFrontAndNoDocument()
    {
        // A collection created lazily by one thread while another queries it trips LiteDB 5.0.x
        // ("page type must be collection page", litedb-org/LiteDB#2792): every collection exists from the start.
        using var database = new ChatCoachDatabase(Path.Combine(_directory, "fresh.db"));

        var names = database.Read(db => db.GetCollectionNames().ToHashSet(StringComparer.Ordinal));
        var documents = database.Read(db => ChatCoachDatabase.CollectionNames.Sum(name => db.GetCollection(name).Count()));

        Assert.Superset(ChatCoachDatabase.CollectionNames.ToHashSet(StringComparer.Ordinal), names);
        Assert.Equal(0, documents);
    }

    [Fact]
    public async Task AdapterState_SurvivesReopen()
    {
        var path = Path.Combine(_directory, "state.db");
        using (var database = new ChatCoachDatabase(path))
        {
            await new LiteDbAdapterStateStore(database).SetAsync("telegram:offset", "42", CancellationToken.None);
        }

        using var reopened = new ChatCoachDatabase(path);
        Assert.Equal("42", await new LiteDbAdapterStateStore(reopened).GetAsync("telegram:offset", CancellationToken.None));
    }

    [Fact]
    public void Open_PinnedLiteDb_WriteBarrierFindsTheLogWriter()
    {
        // LogWriteBarrier reads LiteDB internals; if an upgrade moves them, this fails instead of writes going unconfirmed.
        using var database = new ChatCoachDatabase(Path.Combine(_directory, "barrier.db"));

        Assert.True(database.HasWriteBarrier);
        database.Write(db => db.GetCollection("probe").Insert(new LiteDB.BsonDocument { ["x"] = 1 }));
        Assert.True(new FileInfo(DatabaseFileCheck.LogPathOf(database.FilePath)).Length > 0, "the write returned before reaching the log");
    }

    [Fact]
    public void Open_SamePathTwiceInOneProcess_SecondRefusedFirstStillWorks()
    {
        var path = Path.Combine(_directory, "twice.db");
        using var first = new ChatCoachDatabase(path);

        Assert.Throws<StorageUnavailableException>(() => new ChatCoachDatabase(path));

        first.Write(db => db.GetCollection("probe").Insert(new LiteDB.BsonDocument { ["x"] = 1 }));
        Assert.Equal(1, first.Read(db => db.GetCollection("probe").Count()));
    }

    [Fact]
    public async Task Open_WithoutFullCheck_ReadsPageHeadersOnlyAndOpens()
    {
        var path = Path.Combine(_directory, "quick.db");
        using (var database = new ChatCoachDatabase(path))
        {
            await new LiteDbAdapterStateStore(database).SetAsync("k", "v", CancellationToken.None);
        }

        using var reopened = new ChatCoachDatabase(path, fullCheck: false);

        Assert.Equal(0, reopened.Integrity!.Documents);
        Assert.True(reopened.Integrity.Pages > 1);
        Assert.Equal("v", await new LiteDbAdapterStateStore(reopened).GetAsync("k", CancellationToken.None));
    }

    [Fact]
    public void Open_MissingDirectory_CreatesIt()
    {
        var path = Path.Combine(_directory, "nested", "deeper", "chatcoach.db");

        using var database = new ChatCoachDatabase(path);

        Assert.True(File.Exists(path));
    }
}

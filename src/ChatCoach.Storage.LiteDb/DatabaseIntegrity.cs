using System.Buffers.Binary;
using ChatCoach.Core.Storage;
using LiteDB;
using LiteDB.Engine;

namespace ChatCoach.Storage.LiteDb;

/// <summary>What a full check read: per collection, the documents and each index's entries.</summary>
public sealed record IntegrityReport(long Pages, IReadOnlyList<CollectionReport> Collections)
{
    public long Documents => Collections.Sum(c => c.Documents);

    public string Summary => $"{Pages} pages, {Collections.Count} collections, {Documents} documents, "
        + $"{Collections.Sum(c => c.Indexes.Count)} indexes: all readable and consistent";
}

public sealed record CollectionReport(string Name, long Documents, IReadOnlyList<string> Indexes);

/// <summary>
/// The full check run at every start and by <c>chatcoach db check</c>: every page header, then every document of every
/// collection and every entry of every index, read through LiteDB from read-only handles (the OS refuses any write).
/// </summary>
public static class DatabaseIntegrity
{
    /// <summary>Checks a file already accepted by <see cref="DatabaseFileCheck.Verify"/>; throws <see cref="StorageUnavailableException"/> on damage.</summary>
    /// <param name="documents">False reads only the page headers (and opens the file through LiteDB read-only), for very large files at start.</param>
    public static IntegrityReport Check(string databasePath, bool documents = true)
    {
        var logPath = DatabaseFileCheck.LogPathOf(databasePath);
        try
        {
            var pages = CheckPages(databasePath);
            using var data = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var log = File.Exists(logPath)
                ? new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)
                : (Stream)new MemoryStream([], writable: false);
            using var temp = new MemoryStream();
            var settings = new EngineSettings { DataStream = data, LogStream = log, TempStream = temp, ReadOnly = true };
            using var database = new LiteDatabase(new LiteEngine(settings), new BsonMapper());
            var names = database.GetCollectionNames().Order(StringComparer.Ordinal).ToList();
            return documents
                ? new IntegrityReport(pages, [.. names.Select(name => CheckCollection(database, name))])
                : new IntegrityReport(pages, [.. names.Select(name => new CollectionReport(name, 0, []))]);
        }
        catch (StorageUnavailableException)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure while reading a damaged file (LiteDB throws many types) means "damaged".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw Damaged(databasePath, ex.Message);
        }
    }

    /// <summary>Every page up to the header's last page is blank or a LiteDB page that knows its own position.</summary>
    private static long CheckPages(string databasePath)
    {
        using var stream = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, DatabaseFileCheck.PageSize * 16, FileOptions.SequentialScan);
        var page = new byte[DatabaseFileCheck.PageSize];
        stream.ReadExactly(page);
        var lastPageId = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(DatabaseFileCheck.LastPageIdOffset));
        for (long id = 1; id <= lastPageId; id++)
        {
            stream.ReadExactly(page);
            if (DatabaseFileCheck.IsBlank(page))
            {
                continue;
            }

            var type = page[DatabaseFileCheck.PageTypeOffset];
            if (BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(DatabaseFileCheck.PageIdOffset)) != id
                || type > DatabaseFileCheck.HighestPageType || type == DatabaseFileCheck.HeaderPageType)
            {
                throw Damaged(databasePath, $"page {id} (byte {id * DatabaseFileCheck.PageSize}) is damaged: its header is not a LiteDB page header for that position.");
            }
        }

        return lastPageId + 1;
    }

    private static CollectionReport CheckCollection(LiteDatabase database, string name)
    {
        var collection = database.GetCollection(name);
        long documents = 0;
        // Reading a document deserialises all of it, so a damaged one fails here rather than in a user's command.
        foreach (var document in collection.FindAll())
        {
            _ = document["_id"];
            documents++;
        }

        var counted = collection.Count();
        if (counted != documents)
        {
            throw new LiteException(0, $"collection '{name}' counts {counted} documents but {documents} could be read.");
        }

        var indexes = database.GetCollection("$indexes").Find(Query.EQ("collection", name)).Select(i => i["name"].AsString).ToList();
        foreach (var index in indexes)
        {
            long entries = 0;
            foreach (var document in collection.Find(Query.All(index)))
            {
                _ = document["_id"];
                entries++;
            }

            if (entries != documents)
            {
                throw new LiteException(0, $"index '{name}.{index}' has {entries} entries for {documents} documents.");
            }
        }

        return new CollectionReport(name, documents, indexes);
    }

    private static StorageUnavailableException Damaged(string databasePath, string why) => new(
        $"the database file '{databasePath}' is damaged: {why} Nothing was changed; restore it from a backup (see README, \"Storage\").");
}

using System.Buffers.Binary;
using System.Text;
using ChatCoach.Core.Storage;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Checks a LiteDB 5 data file and its <c>-log</c> with plain reads before LiteDB touches them. LiteDB itself would
/// crop a file whose length is not a multiple of the page size, turn a zero-length file into a new empty database and
/// replay any log it finds beside the file, so those cases are refused here, with the files left byte for byte as found.
/// </summary>
/// <remarks>The layout (page size, header offsets, page types) is LiteDB 5's file format, version 8.</remarks>
public static class DatabaseFileCheck
{
    public const int PageSize = 8192;

    internal const int PageIdOffset = 0;
    internal const int PageTypeOffset = 4;
    internal const int TransactionIdOffset = 14;
    internal const int IsConfirmedOffset = 18;
    internal const int HeaderInfoOffset = 32;
    internal const int FileVersionOffset = 59;
    internal const int LastPageIdOffset = 64;
    internal const int CreationTimeOffset = 68;
    internal const byte FileVersion = 8;
    internal const byte HeaderPageType = 1;
    internal const byte HighestPageType = 4;

    internal static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>LiteDB 5's log beside <paramref name="databasePath"/>: <c>name-log.ext</c>.</summary>
    public static string LogPathOf(string databasePath)
    {
        var directory = Path.GetDirectoryName(databasePath) ?? "";
        return Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(databasePath)}-log{Path.GetExtension(databasePath)}");
    }

    /// <summary>
    /// Throws <see cref="StorageUnavailableException"/> when the file or its log must not be opened. A missing data file
    /// with no log is fine (a new database is created).
    /// </summary>
    public static void Verify(string databasePath)
    {
        var logPath = LogPathOf(databasePath);
        var data = new FileInfo(databasePath);
        var log = new FileInfo(logPath);
        if (!data.Exists)
        {
            if (log.Exists && log.Length > 0)
            {
                throw Refuse(databasePath, $"there is a log file '{logPath}' but no database file; it belongs to a database that isn't there. Move the log aside or restore the database file.");
            }

            return;
        }

        if (data.Length == 0)
        {
            throw Refuse(databasePath, "the file is empty (0 bytes), not a database; LiteDB would silently replace it with an empty one. Restore it from a backup, or delete it to start afresh.");
        }

        if (data.Length % PageSize != 0)
        {
            throw Refuse(databasePath, $"the file is truncated or not a LiteDB database: {data.Length} bytes is not a whole number of {PageSize}-byte pages.");
        }

        using var stream = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[PageSize];
        stream.ReadExactly(header);
        if (!IsHeaderPage(header))
        {
            throw Refuse(databasePath, "the file is not a LiteDB 5 database (its first page has no LiteDB header).");
        }

        var lastPageId = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset));
        var pages = data.Length / PageSize;
        if (lastPageId >= pages)
        {
            throw Refuse(databasePath, $"the file is truncated: its header counts {(long)lastPageId + 1} pages but the file holds {pages}.");
        }

        if (log.Exists && log.Length > 0)
        {
            VerifyLog(databasePath, logPath, header, log.Length);
        }
    }

    internal static bool IsHeaderPage(ReadOnlySpan<byte> page) =>
        BinaryPrimitives.ReadUInt32LittleEndian(page[PageIdOffset..]) == 0
        && page[PageTypeOffset] == HeaderPageType
        && page.Slice(HeaderInfoOffset, HeaderInfo.Length).SequenceEqual(HeaderInfo)
        && page[FileVersionOffset] == FileVersion;

    internal static bool IsBlank(ReadOnlySpan<byte> page) => !page.ContainsAnyExcept((byte)0);

    /// <summary>
    /// A log belongs to the database when every page is a LiteDB page, every header page in it carries the data file's
    /// creation time (a log written by another database carries that one's), and no committed page lies beyond the last
    /// page any of those headers knows of (a garbage page id would make the checkpoint write far past the end of the file).
    /// </summary>
    private static void VerifyLog(string databasePath, string logPath, byte[] dataHeader, long length)
    {
        if (length % PageSize != 0)
        {
            throw RefuseLog(databasePath, logPath, $"it is {length} bytes, not a whole number of {PageSize}-byte pages");
        }

        var creation = dataHeader.AsSpan(CreationTimeOffset, 8).ToArray();
        var bound = (long)BinaryPrimitives.ReadUInt32LittleEndian(dataHeader.AsSpan(LastPageIdOffset));
        var pages = new List<(uint Transaction, uint PageId)>();
        var confirmed = new HashSet<uint>();
        using (var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            var page = new byte[PageSize];
            for (long position = 0; position < length; position += PageSize)
            {
                stream.ReadExactly(page);
                if (IsBlank(page))
                {
                    continue; // LiteDB skips zeroed pages too
                }

                var pageId = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(PageIdOffset));
                var type = page[PageTypeOffset];
                if (type > HighestPageType || (type == HeaderPageType) != (pageId == 0))
                {
                    throw RefuseLog(databasePath, logPath, $"the page at byte {position} is not a LiteDB page");
                }

                if (type == HeaderPageType)
                {
                    if (!IsHeaderPage(page))
                    {
                        throw RefuseLog(databasePath, logPath, $"the header page at byte {position} is not a LiteDB header");
                    }

                    if (!page.AsSpan(CreationTimeOffset, 8).SequenceEqual(creation))
                    {
                        throw RefuseLog(databasePath, logPath, "it was written by another database (its header has another creation time)");
                    }

                    bound = Math.Max(bound, BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(LastPageIdOffset)));
                }

                var transaction = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(TransactionIdOffset));
                pages.Add((transaction, pageId));
                if (page[IsConfirmedOffset] != 0)
                {
                    confirmed.Add(transaction);
                }
            }
        }

        // Only confirmed transactions are ever copied into the data file; an unconfirmed tail (a crash mid-commit) is
        // ignored by LiteDB, so its pages may lie anywhere.
        var beyond = pages.Where(p => confirmed.Contains(p.Transaction) && p.PageId > bound).Select(p => (long?)p.PageId).Max();
        if (beyond is { } far)
        {
            throw RefuseLog(databasePath, logPath, $"it names page {far}, beyond the database's last page {bound}");
        }
    }

    private static StorageUnavailableException RefuseLog(string databasePath, string logPath, string why) => Refuse(
        databasePath,
        $"its log file '{logPath}' does not belong to it: {why}. Move the log aside (the database file holds everything up to its last checkpoint) or restore both from a backup.");

    private static StorageUnavailableException Refuse(string databasePath, string why) =>
        new($"cannot open the database file '{databasePath}': {why} Nothing was changed.");
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb;
using NodaTime;

namespace ChatCoach.Tests.Reliability;

/// <summary>Real LiteDB files with data in them, and the fingerprints that show a file was left exactly as it was.</summary>
internal static class DatabaseFiles
{
    public const int PageSize = 8192;

    /// <summary>A database with <paramref name="people"/> completions (several data pages), closed cleanly.</summary>
    public static void Create(string path, int people = 300)
    {
        using var database = new ChatCoachDatabase(path);
        Fill(database, people, "p");
    }

    public static void Fill(ChatCoachDatabase database, int people, string prefix)
    {
        var completions = new LiteDbCompletionStore(database);
        var day = new LocalDate(2026, 3, 10);
        for (var i = 0; i < people; i++)
        {
            var person = new PersonKey("telegram", $"{prefix}{i}");
            var chat = new ChatAddress("telegram", $"-100{i}");
            completions.TryAddAsync(
                new Completion(person, day, chat, Instant.FromUtc(2026, 3, 10, 12, 0)),
                new StreakSummary(person, $"Runner {prefix}{i}", null, StreakRules.Fold([day])),
                CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>Copies the data file and its log while the database is open, as a crash (SIGKILL) would leave them.</summary>
    public static void CopyWhileOpen(ChatCoachDatabase database, string targetPath)
    {
        File.Copy(database.FilePath, targetPath);
        var log = DatabaseFileCheck.LogPathOf(database.FilePath);
        if (File.Exists(log))
        {
            File.Copy(log, DatabaseFileCheck.LogPathOf(targetPath));
        }
    }

    /// <summary>Page ids of the data pages (LiteDB page type 4) in the file.</summary>
    public static IReadOnlyList<int> DataPages(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return [.. Enumerable.Range(1, (bytes.Length / PageSize) - 1).Where(id => bytes[(id * PageSize) + 4] == 4)];
    }

    public static uint LastPageId(string path) => BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan(64, 4));

    /// <summary>SHA-256, length and write time of every file in the folder, to compare before and after.</summary>
    public static IReadOnlyDictionary<string, string> Fingerprint(string directory) =>
        Directory.GetFiles(directory)
            .Where(p => !p.EndsWith(".lock", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                p => Path.GetFileName(p),
                p => $"{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}");

    public static byte[] Garbage(int length, int seed) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 31) + seed))];
}

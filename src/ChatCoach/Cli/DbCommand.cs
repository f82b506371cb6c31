using System.Globalization;
using ChatCoach.Core.Storage;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Configuration;

namespace ChatCoach.Cli;

/// <summary>
/// <c>db check [path]</c>, <c>db backup &lt;file&gt;</c> and <c>db restore &lt;backup&gt;</c>. Each takes the database's
/// one-writer lock first, so none of them runs beside a bot that holds the file.
/// </summary>
internal static class DbCommand
{
    private const string Usage = "usage: chatcoach db check [path]   |   chatcoach db backup <file>   |   chatcoach db restore <backup>";

    public static bool IsDbInvocation(string[] args) => args.Length > 0 && args[0] == "db";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (StorageSelection.IsPostgres(configuration))
        {
            await Console.Error.WriteLineAsync(
                "chatcoach: storage error: db check, backup and restore work on the LiteDB file; with Storage:Provider Postgres use the server's own tools (pg_dump, pg_restore, amcheck).");
            return 1;
        }

        var configured = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)}"];
        var databasePath = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? new StorageOptions().Path : configured);
        try
        {
            switch (args.Skip(1).ToArray())
            {
                case ["check"]:
                    return await CheckAsync(databasePath);
                case ["check", var path]:
                    return await CheckAsync(Path.GetFullPath(path));
                case ["backup", var target]:
                    return await BackupAsync(databasePath, Path.GetFullPath(target));
                case ["restore", var backup]:
                    return await RestoreAsync(databasePath, Path.GetFullPath(backup));
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (StorageUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"chatcoach: storage error: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> CheckAsync(string path)
    {
        if (!File.Exists(path))
        {
            throw new StorageUnavailableException($"there is no database file '{path}'.");
        }

        using var held = DatabaseLock.Acquire(path);
        DatabaseFileCheck.Verify(path);
        var report = DatabaseIntegrity.Check(path);
        await Console.Out.WriteLineAsync($"chatcoach: '{path}' is sound: {report.Summary}.");
        foreach (var collection in report.Collections)
        {
            await Console.Out.WriteLineAsync($"  {collection.Name}: {collection.Documents} documents; indexes {string.Join(", ", collection.Indexes)}");
        }

        return 0;
    }

    private static async Task<int> BackupAsync(string databasePath, string target)
    {
        var report = await DatabaseBackup.RequestAsync(databasePath, target, TimeSpan.FromSeconds(120), CancellationToken.None);
        await Console.Out.WriteLineAsync($"chatcoach: backed up '{databasePath}' to '{target}' and verified the copy: {report.Summary}.");
        return 0;
    }

    private static async Task<int> RestoreAsync(string databasePath, string backup)
    {
        var result = DatabaseBackup.Restore(databasePath, backup, DateTimeOffset.UtcNow);
        await Console.Out.WriteLineAsync(
            $"chatcoach: restored '{databasePath}' from '{backup}' ({result.Report.Summary}). "
            + (result.KeptAside.Count == 0 ? "There was no previous file." : $"The previous files were kept as {string.Join(", ", result.KeptAside.Select(p => $"'{p}'"))}."));
        return 0;
    }

    internal static string Stamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

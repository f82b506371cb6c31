using ChatCoach.Core.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// The one LiteDB file. Opening it reads and checks the file, so a corrupt or unreadable database stops the start
/// with a message naming the file; it is never replaced by an empty one.
/// </summary>
public sealed class ChatCoachDatabase : IDisposable
{
    public ChatCoachDatabase(IOptions<StorageOptions> options)
        : this(options?.Value.Path ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public ChatCoachDatabase(string path)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        try
        {
            var directory = System.IO.Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });

            // Touch the catalogue so that a damaged file fails here, at start, not on the first user's command.
            _ = Database.GetCollectionNames().ToList();
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException or InvalidCastException or ArgumentException or InvalidOperationException)
        {
            Database?.Dispose();
            throw new StorageUnavailableException(
                $"cannot open the database file '{FilePath}': {ex.Message} The file was left untouched; restore it from a backup or point Storage:Path at another file.",
                ex);
        }
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    public void Dispose() => Database.Dispose();
}

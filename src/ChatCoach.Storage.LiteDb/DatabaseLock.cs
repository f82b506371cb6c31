using System.Globalization;
using System.Text;
using ChatCoach.Core.Storage;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// The one-writer rule: an exclusive OS lock on the sidecar <c>&lt;db&gt;.lock</c>, taken before LiteDB opens the
/// database and held until the process lets go of it. The sidecar holds the owner's pid, so a refused process can say
/// who holds the file.
/// </summary>
/// <remarks>
/// The lock is a POSIX record lock (<see cref="FileStream.Lock"/>, <c>fcntl F_SETLK</c> on Linux; a byte-range
/// lock on Windows). It is released by the kernel when the process dies, so a crash never leaves a stale lock; the
/// sidecar itself is left in place (deleting it would race with the next owner). Unlike <see cref="FileShare.None"/>,
/// whose <c>flock</c> also blocks reading, it lets a refused process read the owner's pid. Record locks belong to the
/// process, not the handle, so a second open inside one process is refused by <see cref="HeldInThisProcess"/>.
/// </remarks>
public sealed class DatabaseLock : IDisposable
{
    private static readonly HashSet<string> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly FileStream _stream;

    private DatabaseLock(string databasePath, FileStream stream)
    {
        DatabasePath = databasePath;
        _stream = stream;
    }

    public string DatabasePath { get; }

    public static string LockPathOf(string databasePath) => databasePath + ".lock";

    /// <summary>Takes the lock or throws <see cref="StorageUnavailableException"/> naming the file and the holder.</summary>
    public static DatabaseLock Acquire(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        lock (HeldInThisProcess)
        {
            if (!HeldInThisProcess.Add(path))
            {
                throw InUse(path, Environment.ProcessId);
            }
        }

        FileStream? stream = null;
        try
        {
            if (OperatingSystem.IsMacOS())
            {
                // No record locks there; flock through FileShare.None still keeps one writer, without the pid.
                try
                {
                    stream = new FileStream(LockPathOf(path), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    throw InUse(path, null);
                }
            }
            else
            {
                stream = new FileStream(LockPathOf(path), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                try
                {
                    // Byte 0 is the lock; the pid is written after it, readable by anyone.
                    stream.Lock(0, 1);
                }
                catch (IOException)
                {
                    throw InUse(path, ReadHolder(stream));
                }
            }

            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.SetLength(1 + pid.Length);
            stream.Position = 1;
            stream.Write(pid);
            stream.Flush();
            return new DatabaseLock(path, stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            Release(path);
            throw new StorageUnavailableException($"cannot lock the database file '{path}': {ex.Message} Nothing was changed.", ex);
        }
        catch
        {
            stream?.Dispose();
            Release(path);
            throw;
        }
    }

    /// <summary>The pid written by the process holding the lock, or null when it can't be read.</summary>
    public static int? ReadHolder(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        lock (HeldInThisProcess)
        {
            // Closing any handle on the sidecar would drop this process's own record lock, so never open it here.
            if (HeldInThisProcess.Contains(path))
            {
                return Environment.ProcessId;
            }
        }

        try
        {
            using var stream = new FileStream(LockPathOf(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadHolder(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when a process (this one included) holds the lock on this database.</summary>
    public static bool IsHeld(string databasePath, out int? holder)
    {
        holder = null;
        try
        {
            using var probe = Acquire(databasePath);
            return false;
        }
        catch (StorageUnavailableException)
        {
            holder = ReadHolder(databasePath);
            return true;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        Release(DatabasePath);
    }

    private static int? ReadHolder(FileStream stream)
    {
        var buffer = new byte[32];
        stream.Position = 1;
        var read = stream.Read(buffer);
        var text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static StorageUnavailableException InUse(string path, int? pid) => new(
        $"the database file '{path}' is in use by another ChatCoach process (pid {(pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown")}); "
        + "one database file has one writer. Stop that process or point Storage:Path at another file. Nothing was changed.");

    private static void Release(string path)
    {
        lock (HeldInThisProcess)
        {
            HeldInThisProcess.Remove(path);
        }
    }
}

namespace ChatCoach.Core.Storage;

/// <summary>
/// The database cannot be opened (corrupt, unreadable, locked). The host prints <see cref="Exception.Message"/>
/// as one line and stops; it must name the file and never suggest that data was discarded.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

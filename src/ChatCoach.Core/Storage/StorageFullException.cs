namespace ChatCoach.Core.Storage;

/// <summary>
/// A write failed because the disk is full. The write was not applied (nothing half-written, nothing saved before
/// lost); the store retries by itself once there is space again. The router answers it with a clear reply.
/// </summary>
public sealed class StorageFullException : Exception
{
    public StorageFullException()
    {
    }

    public StorageFullException(string message)
        : base(message)
    {
    }

    public StorageFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace ChatCoach.Core.Storage;

/// <summary>
/// Small durable values an adapter must keep across restarts (the Telegram update offset, a Discord session).
/// Keys are namespaced by the adapter, e.g. <c>telegram:offset</c>.
/// </summary>
public interface IAdapterStateStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}

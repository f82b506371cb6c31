namespace ChatCoach.Core.Conversation;

/// <summary>
/// A handler a deep link may open: Telegram's <c>https://t.me/&lt;bot&gt;?start=&lt;payload&gt;</c> arrives as
/// <c>/start &lt;payload&gt;</c> in the private chat. Only handlers that opt in are reachable this way, and each reads
/// only its own payload shape, so a crafted link can show something but never change anything.
/// </summary>
public interface IStartPayloadHandler
{
    /// <summary>The reply the payload stands for, or null when the payload is not this handler's.</summary>
    Task<Reply?> TryOpenAsync(CommandRequest request, string payload, CancellationToken cancellationToken);
}

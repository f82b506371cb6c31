using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.ConsoleChat;

/// <summary>
/// What the bot sends unasked (a daily post, a reminder) is printed framed, so it stands out from the conversation; a
/// private message (the streak-saver reminder) says so, as it would arrive in the person's private chat on a platform.
/// </summary>
public sealed class ConsoleChatSender(ConsoleTerminal terminal) : IChatSender
{
    public string Platform => ConsoleMessages.Platform;

    /// <summary>The console chat is one person talking to the bot.</summary>
    public bool IsDirectChat(ChatAddress chat) => true;

    public async Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        await terminal.WriteLock.WaitAsync(cancellationToken);
        try
        {
            var frame = reply.IsPrivate ? "✉️ Private message" : "⏰ Scheduled post";
            await terminal.Output.WriteAsync($"\n{frame}\n{PlainTextRenderer.Render(reply)}\n\n");
            await terminal.Output.FlushAsync(cancellationToken);
            return SendOutcome.Sent;
        }
        finally
        {
            terminal.WriteLock.Release();
        }
    }
}

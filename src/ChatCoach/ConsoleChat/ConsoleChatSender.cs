using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.ConsoleChat;

/// <summary>Scheduled posts to the console chat are printed, framed so they stand out from the conversation.</summary>
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
            await terminal.Output.WriteAsync($"\n⏰ Scheduled post\n{PlainTextRenderer.Render(reply)}\n\n");
            await terminal.Output.FlushAsync(cancellationToken);
            return SendOutcome.Sent;
        }
        finally
        {
            terminal.WriteLock.Release();
        }
    }
}

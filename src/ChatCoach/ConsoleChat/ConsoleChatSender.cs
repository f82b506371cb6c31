using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.ConsoleChat;

/// <summary>
/// What the bot sends unasked (a daily post, a reminder) is printed framed, so it stands out from the conversation; a
/// private message (the streak-saver reminder) says so, as it would arrive in the person's private chat on a platform.
/// </summary>
public sealed class ConsoleChatSender(ConsoleTerminal terminal, PersonCultures cultures) : IChatSender
{
    public string Platform => ConsoleMessages.Platform;

    /// <summary>The console chat is one person talking to the bot.</summary>
    public bool IsDirectChat(ChatAddress chat) => true;

    public async Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);

        // The console chat is one person: frame in their language (the reply itself already is).
        var culture = await cultures.CultureOfAsync(ConsoleMessages.FromLine(""), cancellationToken);
        await terminal.WriteLock.WaitAsync(cancellationToken);
        try
        {
            var frame = ChatTexts.Get(reply.IsPrivate ? "console.privateMessage" : "console.scheduledPost", culture);
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

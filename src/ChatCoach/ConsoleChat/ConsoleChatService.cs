using ChatCoach.Core.Conversation;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.ConsoleChat;

/// <summary>
/// The console adapter: each line typed is an inbound message through the same router as Telegram and Discord,
/// and each reply is rendered as plain text. At end of input (a pipe, or Ctrl+D) the host stops.
/// </summary>
public sealed class ConsoleChatService(
    ConsoleTerminal terminal,
    CommandRouter router,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (terminal.IsInteractive)
        {
            await WriteAsync("ChatCoach — running advice for sore knees. Type a question, or \"help\". Ctrl+D to quit.\n", stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (terminal.IsInteractive)
            {
                await WriteAsync("> ", stoppingToken);
            }

            // Console reads ignore cancellation, so wait on the token beside the read to let Ctrl+C stop promptly.
            var line = await Task.Run(() => terminal.Input.ReadLine(), CancellationToken.None).WaitAsync(stoppingToken);
            if (line is null)
            {
                break;
            }

            if (line.Trim() is "quit" or "exit" && terminal.IsInteractive)
            {
                break;
            }

            var reply = await router.RouteAsync(ConsoleMessages.FromLine(line), stoppingToken);
            if (reply is not null)
            {
                await WriteAsync(PlainTextRenderer.Render(reply) + "\n\n", stoppingToken);
            }
        }

        lifetime.StopApplication();
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await terminal.WriteLock.WaitAsync(cancellationToken);
        try
        {
            await terminal.Output.WriteAsync(text);
            await terminal.Output.FlushAsync(cancellationToken);
        }
        finally
        {
            terminal.WriteLock.Release();
        }
    }
}

using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Operations;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.ConsoleChat;

/// <summary>
/// The console adapter: each line typed is an inbound message through the same router as Telegram and Discord,
/// and each reply is rendered as plain text. At end of input (a pipe, or Ctrl+D) the host stops. A reply's attachment
/// (the <c>/mydata</c> export, the <c>/progress</c> chart) is written to a new file readable by its owner only, and its path printed.
/// </summary>
public sealed class ConsoleChatService(
    ConsoleTerminal terminal,
    CommandRouter router,
    IHostApplicationLifetime lifetime,
    IOptions<StorageOptions> storage,
    PersonCultures cultures) : BackgroundService
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

            var message = ConsoleMessages.FromLine(line);
            var reply = await router.RouteAsync(message, stoppingToken);
            if (reply is not null)
            {
                var saved = reply.Attachment is { } attachment
                    ? "\n" + await SaveAsync(attachment, await cultures.CultureOfAsync(message, stoppingToken), stoppingToken)
                    : "";
                await WriteAsync(PlainTextRenderer.Render(reply) + saved + "\n\n", stoppingToken);
                StartupTrace.Mark("console reply written");
            }
        }

        lifetime.StopApplication();
    }

    /// <summary>
    /// Writes the attachment to a new file, readable by its owner only and never over an existing one, and returns the
    /// line naming it: a picture goes to the terminal's image folder, a document beside the database file.
    /// </summary>
    private async Task<string> SaveAsync(ReplyAttachment attachment, CultureInfo culture, CancellationToken cancellationToken)
    {
        var photo = attachment.Kind == AttachmentKind.Photo;
        var folder = photo
            ? terminal.ImageDirectory
            : Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path)) ?? Directory.GetCurrentDirectory();
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(attachment.FileName));
        var extension = Path.GetExtension(attachment.FileName);
        try
        {
            Directory.CreateDirectory(folder);
            for (var attempt = 1; ; attempt++)
            {
                var path = Path.Combine(folder, attempt == 1 ? stem + extension : $"{stem}-{attempt}{extension}");
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                try
                {
                    await using (var stream = new FileStream(path, options))
                    {
                        await stream.WriteAsync(attachment.Content, cancellationToken);
                        await stream.FlushAsync(cancellationToken);
                    }

                    return photo
                        ? ChatTexts.Format("console.chart", culture, attachment.Width, attachment.Height, path)
                        : ChatTexts.Format("console.saved", culture, path);
                }
                catch (IOException) when (File.Exists(path) && attempt < 1000)
                {
                    // Taken (an earlier chart, a second export in the same second): try the next name.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ChatTexts.Format("console.saveFailed", culture, ex.Message);
        }
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

using ChatCoach.Core.Conversation;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.ConsoleChat;

/// <summary>
/// The console adapter: each line typed is an inbound message through the same router as Telegram and Discord,
/// and each reply is rendered as plain text. At end of input (a pipe, or Ctrl+D) the host stops. A reply's file
/// (<c>/mydata</c>) is written beside the database file, readable by its owner only, and its path printed.
/// </summary>
public sealed class ConsoleChatService(
    ConsoleTerminal terminal,
    CommandRouter router,
    IHostApplicationLifetime lifetime,
    IOptions<StorageOptions> storage) : BackgroundService
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
                var image = reply.Image is { } picture ? "\n" + SaveImage(picture) : "";
                var saved = reply.File is { } file ? $"\nSaved to {await SaveAsync(file, stoppingToken)}" : "";
                await WriteAsync(PlainTextRenderer.Render(reply) + image + saved + "\n\n", stoppingToken);
            }
        }

        lifetime.StopApplication();
    }

    /// <summary>Writes the picture to a new file (never over an existing one) and returns the line naming it.</summary>
    private string SaveImage(ReplyImage image)
    {
        try
        {
            Directory.CreateDirectory(terminal.ImageDirectory);
            var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(image.FileName));
            for (var n = 1; ; n++)
            {
                var path = Path.Combine(terminal.ImageDirectory, n == 1 ? stem + ".png" : $"{stem}-{n}.png");
                try
                {
                    using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                    file.Write(image.Png.Span);
                    return $"🖼️ Chart ({image.Width}×{image.Height}): {path}";
                }
                catch (IOException) when (File.Exists(path) && n < 1000)
                {
                    // Taken by an earlier chart: try the next name.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(The chart could not be saved: {ex.Message})";
        }
    }

    /// <summary>Writes the file under a new name (never over an existing file) and returns its full path.</summary>
    private async Task<string> SaveAsync(ReplyFile file, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path)) ?? Directory.GetCurrentDirectory();
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(file.FileName));
        var extension = Path.GetExtension(file.FileName);
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
                await using var stream = new FileStream(path, options);
                await stream.WriteAsync(file.Content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                return path;
            }
            catch (IOException) when (File.Exists(path) && attempt < 100)
            {
                // Taken (a second export in the same second): try the next name.
            }
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

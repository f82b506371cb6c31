namespace ChatCoach.ConsoleChat;

/// <summary>The terminal the console chat talks to; tests hand in their own reader and writer.</summary>
public sealed class ConsoleTerminal(TextReader input, TextWriter output, bool isInteractive)
{
    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    /// <summary>False when standard input is a pipe or a file: no prompts, and the chat ends at end of input.</summary>
    public bool IsInteractive { get; } = isInteractive;

    /// <summary>Where reply images (the <c>/progress</c> chart) are written; the chat prints each file's path.</summary>
    public string ImageDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "chatcoach-images");

    // Writes from the chat loop and the scheduler's posts must not interleave mid-line.
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public static ConsoleTerminal FromProcess() => new(Console.In, Console.Out, !Console.IsInputRedirected);
}

using System.Threading.Channels;
using ChatCoach.ConsoleChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Tests.Fakes;

/// <summary>The real composition with the console chat reading from a string, in process, over a temp database.</summary>
public static class ConsoleChatHost
{
    public static async Task<string> ConverseAsync(string directory, string input, TimeProvider? time = null, string? imageDirectory = null)
    {
        var output = new StringWriter();
        var terminal = new ConsoleTerminal(new StringReader(input), output, isInteractive: false)
        {
            ImageDirectory = imageDirectory ?? Path.Combine(directory, "images"),
        };
        using var host = Build(directory, terminal, time);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.RunAsync(timeout.Token);
        return output.ToString();
    }

    /// <summary>A console chat that keeps running between lines, so a test can move fake time and see scheduled posts.</summary>
    public static async Task<ConsoleChatSession> StartAsync(string directory, FakeTimeProvider time, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var input = new LineFeed();
        var terminal = new ConsoleTerminal(input, new StringWriter(), isInteractive: false) { ImageDirectory = Path.Combine(directory, "images") };
        var host = Build(directory, terminal, time, settings);
        await host.StartAsync();
        return new ConsoleChatSession(host, terminal, input, time);
    }

    internal static IHost Build(string directory, ConsoleTerminal terminal, TimeProvider? time, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = Path.Combine(directory, "chatcoach.db"),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton(terminal);
        builder.AddChatCoach();
        return builder.Build();
    }

    /// <summary>Standard input a line at a time, as a person types: ReadLine waits for the next line, null once completed.</summary>
    internal sealed class LineFeed : TextReader
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        public void Type(string line) => _lines.Writer.TryWrite(line);

        public void End() => _lines.Writer.TryComplete();

        public override string? ReadLine()
        {
            var reader = _lines.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                if (reader.TryRead(out var line))
                {
                    return line;
                }
            }

            return null;
        }
    }
}

/// <summary>A running console chat: type a line and read what the bot printed since; move fake time until a post shows.</summary>
public sealed class ConsoleChatSession : IAsyncDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private readonly ConsoleTerminal _terminal;
    private readonly ConsoleChatHost.LineFeed _input;
    private readonly FakeTimeProvider _time;
    private int _read;

    internal ConsoleChatSession(IHost host, ConsoleTerminal terminal, ConsoleChatHost.LineFeed input, FakeTimeProvider time)
    {
        _host = host;
        _terminal = terminal;
        _input = input;
        _time = time;
    }

    /// <summary>Types the line and returns the bot's answer to it (each answer is printed whole, ending in a blank line).</summary>
    public async Task<string> SayAsync(string line)
    {
        _input.Type(line);
        return await NextAsync(_ => true, advance: null, "the answer to " + line);
    }

    /// <summary>Moves fake time <paramref name="step"/> at a time until the bot prints something that satisfies the condition.</summary>
    public Task<string> AdvanceUntilAsync(Func<string, bool> condition, TimeSpan step, string what) => NextAsync(condition, step, what);

    public async ValueTask DisposeAsync()
    {
        _input.End();
        using var timeout = new CancellationTokenSource(SafetyNet);
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }

    private async Task<string> NextAsync(Func<string, bool> condition, TimeSpan? advance, string what)
    {
        var started = Environment.TickCount64;
        while (true)
        {
            var printed = await PrintedAsync();
            if (printed.Length > _read && printed.EndsWith("\n\n", StringComparison.Ordinal) && condition(printed[_read..]))
            {
                var text = printed[_read..];
                _read = printed.Length;
                return text;
            }

            if (Environment.TickCount64 - started > SafetyNet.TotalMilliseconds)
            {
                throw new TimeoutException($"Gave up waiting for {what}; printed so far: {printed[_read..]}");
            }

            if (advance is { } step)
            {
                _time.Advance(step);
            }

            await Task.Delay(5);
        }
    }

    private async Task<string> PrintedAsync()
    {
        // The chat and the scheduler write under this lock; reading under it never sees half a reply.
        await _terminal.WriteLock.WaitAsync();
        try
        {
            return _terminal.Output.ToString() ?? "";
        }
        finally
        {
            _terminal.WriteLock.Release();
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using ChatCoach.ConsoleChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Tests.Fakes;

/// <summary>
/// The real composition with the console chat kept open, so a test can type a line, read the reply, move the fake
/// clock and see what the schedulers send meanwhile (unlike <see cref="ConsoleChatHost"/>, which ends at end of input).
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    // Real time, only a safety net for a busy machine: every wait ends as soon as its text has appeared.
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private readonly LineFeed _input;
    private readonly WatchedWriter _output;

    private ConsoleSession(IHost host, LineFeed input, WatchedWriter output)
    {
        _host = host;
        _input = input;
        _output = output;
    }

    public string Output => _output.Text;

    public static async Task<ConsoleSession> StartAsync(string directory, TimeProvider time, IReadOnlyDictionary<string, string?>? settings = null)
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

        builder.Services.AddSingleton(time);
        var input = new LineFeed();
        var output = new WatchedWriter();
        builder.Services.AddSingleton(new ConsoleTerminal(input, output, isInteractive: false)
        {
            ImageDirectory = Path.Combine(directory, "images"),
        });
        builder.AddChatCoach();
        var session = new ConsoleSession(builder.Build(), input, output);
        await session._host.StartAsync();
        return session;
    }

    /// <summary>Types <paramref name="line"/> and returns the reply the console printed for it.</summary>
    public async Task<string> SayAsync(string line)
    {
        var before = _output.Length;
        _input.Type(line);

        // The chat prints each reply in one write that ends with a blank line.
        return await WaitForAsync(text => text.Length > before && text.EndsWith("\n\n", StringComparison.Ordinal), before);
    }

    /// <summary>Waits until the output from <paramref name="from"/> on satisfies <paramref name="done"/>; returns that part.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, int from = 0)
    {
        using var timeout = new CancellationTokenSource(SafetyNet);
        while (true)
        {
            var changed = _output.NextWriteAsync();
            var text = _output.Text;
            if (done(text))
            {
                return text[from..];
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _input.End();
        using var timeout = new CancellationTokenSource(SafetyNet);
        await _host.WaitForShutdownAsync(timeout.Token);
        _host.Dispose();
    }

    /// <summary>Standard input that blocks until the test types the next line; null (end of input) on <see cref="End"/>.</summary>
    private sealed class LineFeed : TextReader
    {
        private readonly BlockingCollection<string?> _lines = [];

        public void Type(string line) => _lines.Add(line);

        public void End() => _lines.Add(null);

        public override string? ReadLine() => _lines.Take();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _lines.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Standard output that the test can read while the chat and the schedulers write to it.</summary>
    private sealed class WatchedWriter : TextWriter
    {
        private readonly Lock _gate = new();
        private readonly StringBuilder _text = new();
        private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public int Length
        {
            get
            {
                lock (_gate)
                {
                    return _text.Length;
                }
            }
        }

        public Task NextWriteAsync()
        {
            lock (_gate)
            {
                return _written.Task;
            }
        }

        public override void Write(char value) => Append(value.ToString());

        public override void Write(string? value) => Append(value ?? "");

        public override Task WriteAsync(string? value)
        {
            Append(value ?? "");
            return Task.CompletedTask;
        }

        private void Append(string value)
        {
            TaskCompletionSource written;
            lock (_gate)
            {
                _text.Append(value);
                written = _written;
                _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            written.SetResult();
        }
    }
}

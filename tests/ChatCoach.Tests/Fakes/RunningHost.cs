using System.Diagnostics;
using System.Text;

namespace ChatCoach.Tests.Fakes;

/// <summary>The real binary running as a console chat with its standard input kept open, as a bot left running would be.</summary>
public sealed class RunningHost : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _outputArrived = new(0);

    private RunningHost(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the host in <paramref name="host"/>'s directory and waits until it has answered <c>help</c>.</summary>
    public static async Task<RunningHost> StartAsync(HostProcess host)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = host.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatCoach.dll"));
        foreach (var (key, value) in host.Environment)
        {
            start.Environment[key] = value;
        }

        var running = new RunningHost(Process.Start(start) ?? throw new InvalidOperationException("could not start the host"));
        await running.SayAsync("help");
        await running.WaitForOutputAsync("ChatCoach — help");
        return running;
    }

    public async Task SayAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits (safety net 60 s) until standard output holds <paramref name="text"/> <paramref name="times"/> times.</summary>
    public async Task WaitForOutputAsync(string text, int times = 1)
    {
        using var timeout = new CancellationTokenSource(SafetyNet);
        while (Count(StandardOutput, text) < times)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the host exited ({_process.ExitCode}); stderr: {StandardError}");
            }

            try
            {
                await _outputArrived.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no \"{text}\" from the host; stdout: {StandardOutput}; stderr: {StandardError}");
            }
        }
    }

    /// <summary>Ends the chat by closing its input, as at the end of a piped script; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(SafetyNet);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _outputArrived.Dispose();
    }

    private static int Count(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }

        _outputArrived.Release();
    }
}

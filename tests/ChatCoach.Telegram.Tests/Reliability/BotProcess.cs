using System.Collections.Concurrent;
using System.Diagnostics;
using ChatCoach.Telegram.BotApi;

namespace ChatCoach.Telegram.Tests.Reliability;

/// <summary>
/// The built ChatCoach binary (copied beside the tests), started as an operator would, against the Bot API double on
/// loopback, with its output collected. Stopped with a real SIGTERM or a real SIGKILL.
/// </summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The binary in its own build output (built as a project reference of the tests): the tests' output lacks the
    /// host's packages, which this project takes from the ASP.NET Core shared framework instead.
    /// </summary>
    public static string BinaryPath
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repository, "src", "ChatCoach", "bin", configuration, framework, "ChatCoach.dll");
        }
    }

    public string Output => string.Join('\n', _output);

    public static BotProcess Start(BotApiDouble api, string workingDirectory, string databasePath, IDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(BinaryPath);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Discord__Token"] = "";
        start.Environment["Telegram__Token"] = BotApiDouble.Token;
        start.Environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
        start.Environment["Telegram__PollTimeout"] = "00:00:05";
        start.Environment["Storage__Path"] = databasePath;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bot");
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>A real SIGTERM, as systemd, Docker or Ctrl+C would send; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    /// <summary>A real SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the bot did not exit; output:\n{Output}");
        }

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
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}

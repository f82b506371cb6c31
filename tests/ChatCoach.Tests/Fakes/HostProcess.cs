using System.Diagnostics;

namespace ChatCoach.Tests.Fakes;

/// <summary>Runs the real ChatCoach binary (copied beside the tests) in a scratch directory, as an operator would.</summary>
public sealed class HostProcess : IDisposable
{
    public HostProcess()
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("chatcoach-host-").FullName;
    }

    public string WorkingDirectory { get; }

    public Dictionary<string, string> Environment { get; } = new()
    {
        // No platform tokens from the machine may leak into a test run.
        ["Telegram__Token"] = "",
        ["Discord__Token"] = "",
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    public async Task<HostRun> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatCoach.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host did not exit; stderr: {await stderr}");
        }

        return new HostRun(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(WorkingDirectory, recursive: true);
}

public sealed record HostRun(int ExitCode, string StandardOutput, string StandardError);

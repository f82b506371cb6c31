using System.Diagnostics;
using System.Globalization;

namespace ChatCoach.Core.Operations;

/// <summary>
/// A start-up trace for finding where the time and the memory go (issue 9): with <c>CHATCOACH_STARTUP_TRACE=1</c>
/// each step the host passes writes one line to standard error: time since the process started, CPU time, resident
/// memory and the managed heap. Off by default, and then a mark costs one field read.
/// </summary>
public static class StartupTrace
{
    public const string Variable = "CHATCOACH_STARTUP_TRACE";

    private static readonly Lock Gate = new();

    private static TextWriter? _writer = Environment.GetEnvironmentVariable(Variable) == "1" ? Console.Error : null;

    public static bool Enabled => _writer is not null;

    /// <summary>Writes the trace to <paramref name="writer"/> (null turns it off); for tests.</summary>
    internal static void WriteTo(TextWriter? writer)
    {
        lock (Gate)
        {
            _writer = writer;
        }
    }

    /// <summary>One line for the step just finished.</summary>
    public static void Mark(string step)
    {
        var writer = _writer;
        if (writer is null)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - process.StartTime;
        var gc = GC.GetGCMemoryInfo();
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"startup-trace: {sinceStart.TotalMilliseconds,6:F0} ms, cpu {process.TotalProcessorTime.TotalMilliseconds,6:F0} ms, rss {process.WorkingSet64 / 1048576.0,6:F1} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0,5:F1} MB (committed {gc.TotalCommittedBytes / 1048576.0,5:F1} MB), {AppDomain.CurrentDomain.GetAssemblies().Length} assemblies: {step}");
        lock (Gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}

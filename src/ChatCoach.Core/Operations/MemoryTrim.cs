using System.Runtime;
using System.Runtime.InteropServices;

namespace ChatCoach.Core.Operations;

/// <summary>
/// Gives back what start-up left behind, once, when the host has loaded everything it keeps (issue 9): the garbage of
/// parsing the knowledge base, the dictionaries and the model. Without it the idle bot carries the GC's start-up
/// budget as committed memory and glibc keeps the native buffers ONNX Runtime freed after building its session.
/// </summary>
public static partial class MemoryTrim
{
    /// <summary>One blocking, compacting, decommitting collection, then glibc's <c>malloc_trim</c> where there is one.</summary>
    public static void AfterStartUp()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    /// <summary>True when glibc returned memory to the system; false where there is no glibc (musl, Windows, macOS).</summary>
    public static bool TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}

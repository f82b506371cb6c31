using System.Diagnostics;

namespace ChatCoach.Storage.LiteDb.Tests.Reliability;

/// <summary>A small tmpfs for tests that need a real full disk: mount, fill to the last byte, unmount.</summary>
internal static class Tmpfs
{
    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. <c>16m</c>) on <paramref name="folder"/>; false with the reason when not allowed.</summary>
    public static bool TryMount(string folder, string size, out string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            why = "not Linux";
            return false;
        }

        var (code, text) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder);
        why = code == 0 ? "" : text.Trim();
        return code == 0;
    }

    /// <summary>Lazy: an engine LiteDB closed after a failed write may still hold its handles.</summary>
    public static void Unmount(string folder) => Run("umount", "-l", folder);

    /// <summary>Writes <paramref name="filler"/> until the disk is full, to the last byte.</summary>
    public static async Task FillAsync(string filler)
    {
        await using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await stream.WriteAsync(block);
            }
        }
        catch (IOException)
        {
            // Full; now the last bytes, one at a time.
            var one = new byte[1];
            try
            {
                while (true)
                {
                    stream.Write(one);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var text = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit(30_000);
            return (process.ExitCode, text);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}

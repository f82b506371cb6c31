using System.Runtime.CompilerServices;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>Files of the repository the tests read in place (labelled sets, docs), found from this source file.</summary>
public static class RepositoryFile
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ChatCoach.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("no ChatCoach.sln above the test sources or the test output.");
    }
}

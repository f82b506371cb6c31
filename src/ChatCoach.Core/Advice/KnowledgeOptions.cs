using System.ComponentModel.DataAnnotations;

namespace ChatCoach.Core.Advice;

/// <summary>Where the knowledge base lives. Bound from the <c>Knowledge</c> section.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The directory of <c>*.md</c> entries; by default <c>data/knowledge</c> beside the program.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = DefaultPath;

    /// <summary>The sources list; by default <c>sources.json</c> in the parent of <see cref="Path"/>.</summary>
    public string? SourcesFile { get; set; }

    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "knowledge");

    /// <summary><see cref="Path"/> with a relative path taken from the program's directory, like the exercise catalogue.</summary>
    public string FullPath => System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);

    public string ResolveSourcesFile()
    {
        if (!string.IsNullOrWhiteSpace(SourcesFile))
        {
            return System.IO.Path.GetFullPath(SourcesFile, AppContext.BaseDirectory);
        }

        var full = FullPath;
        var parent = System.IO.Path.GetDirectoryName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
        return System.IO.Path.Combine(parent ?? full, "sources.json");
    }
}

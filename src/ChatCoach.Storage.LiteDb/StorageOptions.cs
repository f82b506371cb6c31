using System.ComponentModel.DataAnnotations;

namespace ChatCoach.Storage.LiteDb;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB database file; relative paths are from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Path must name the LiteDB database file, e.g. \"chatcoach.db\" or \"/data/chatcoach.db\".")]
    public string Path { get; set; } = "chatcoach.db";
}

using System.ComponentModel.DataAnnotations;

namespace ChatCoach.Storage.LiteDb;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB database file; relative paths are from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Path must name the LiteDB database file, e.g. \"chatcoach.db\" or \"/data/chatcoach.db\".")]
    public string Path { get; set; } = "chatcoach.db";

    /// <summary>
    /// Read every document and index at start (on by default). Off, the start still checks the file, its log and every
    /// page header, which is what a very large file may need (the full check reads ~10 MB/s here); <c>chatcoach db
    /// check</c> always runs the full check.
    /// </summary>
    public bool FullCheckOnStart { get; set; } = true;

    /// <summary>A folder for the daily backup (taken at start and every 24 hours); empty means no daily backup.</summary>
    public string BackupPath { get; set; } = "";

    /// <summary>How many daily backups to keep in <see cref="BackupPath"/>; older ones are deleted.</summary>
    [Range(1, 3650, ErrorMessage = "Storage:BackupKeep must be between 1 and 3650.")]
    public int BackupKeep { get; set; } = 7;
}

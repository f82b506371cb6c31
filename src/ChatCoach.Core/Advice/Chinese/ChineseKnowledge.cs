namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// The Chinese knowledge base: <c>data/knowledge/zh/*.md</c>, one file per English entry with the same file name, the
/// same <c>id</c>, <c>category</c>, <c>related</c> and <c>source</c>, and Chinese title, tags, questions and body. Read
/// with the English loader's parser so every error names the file and line.
/// </summary>
public static class ChineseKnowledge
{
    public const string FolderName = "zh";

    /// <summary>The Chinese entries paired with <paramref name="english"/>; empty when the folder does not exist.</summary>
    public static KnowledgeBase Load(string englishDirectory, KnowledgeBase english)
    {
        ArgumentNullException.ThrowIfNull(englishDirectory);
        ArgumentNullException.ThrowIfNull(english);
        var directory = Path.Combine(englishDirectory, FolderName);
        if (!Directory.Exists(directory))
        {
            return new KnowledgeBase([], english.Sources);
        }

        var entries = new List<KnowledgeEntry>();
        var files = Directory.GetFiles(directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var entry = KnowledgeBaseLoader.Parse(File.ReadAllText(file), file);
            var pair = english.Find(entry.Id)
                ?? throw new KnowledgeBaseException($"knowledge entry '{file}': id '{entry.Id}' has no English entry.");
            if (!string.Equals(Path.GetFileName(pair.FileName), Path.GetFileName(file), StringComparison.Ordinal))
            {
                throw new KnowledgeBaseException($"knowledge entry '{file}': id '{entry.Id}' is in '{Path.GetFileName(pair.FileName)}' in English.");
            }

            // Sources and related entries are shared with the English entry, whatever the Chinese file says.
            entries.Add(entry with { Sources = pair.Sources, AlsoGeneral = pair.AlsoGeneral, Related = pair.Related, Category = pair.Category });
        }

        return new KnowledgeBase(entries, english.Sources);
    }
}

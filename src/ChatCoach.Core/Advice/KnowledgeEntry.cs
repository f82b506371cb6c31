using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice;

/// <summary>One knowledge-base entry: a Markdown file with front matter under <c>data/knowledge</c>.</summary>
/// <param name="Id">Kebab-case id, unique across the knowledge base.</param>
/// <param name="Title">Short title shown as the answer's title and in "Also try".</param>
/// <param name="Category">One of <see cref="KnowledgeCategories.All"/>.</param>
/// <param name="Tags">Keywords that describe the entry; indexed with a boost.</param>
/// <param name="Questions">Example questions the entry answers; indexed with a boost.</param>
/// <param name="Related">Ids of related entries, offered as "Also try".</param>
/// <param name="Sources">File names of the articles the facts come from (listed in <c>sources.json</c>); empty for general guidance.</param>
/// <param name="AlsoGeneral">True when the entry adds general running guidance to its articles ("…; plus general …").</param>
/// <param name="Body">The body text as written (paragraphs and "- " bullet lines).</param>
/// <param name="FileName">The file it was read from, for error messages.</param>
public sealed record KnowledgeEntry(
    string Id,
    string Title,
    string Category,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Related,
    IReadOnlyList<string> Sources,
    bool AlsoGeneral,
    string Body,
    string FileName)
{
    /// <summary>The body as reply blocks: paragraphs, and runs of "- " lines as bullet lists.</summary>
    public IReadOnlyList<ReplyBlock> BodyBlocks { get; init; } = [];
}

public static class KnowledgeCategories
{
    public const string Causes = "causes";
    public const string Form = "form";
    public const string Strength = "strength";
    public const string Stretching = "stretching";
    public const string Recovery = "recovery";
    public const string Load = "load";
    public const string Gear = "gear";
    public const string Professional = "professional";
    public const string General = "general";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Causes, Form, Strength, Stretching, Recovery, Load, Gear, Professional, General,
    };
}

/// <summary>The article an entry's facts were drawn from, as listed in <c>data/sources.json</c>.</summary>
public sealed record KnowledgeSource(string File, string Title);

/// <summary>All entries and their sources, validated.</summary>
public sealed record KnowledgeBase(IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyDictionary<string, KnowledgeSource> Sources)
{
    public KnowledgeEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);
}

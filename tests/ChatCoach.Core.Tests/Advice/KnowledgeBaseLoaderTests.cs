using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Advice;

[Collection(SharedKnowledgeBase.Name)]
public sealed class KnowledgeBaseLoaderTests(KnowledgeFixture fixture) : IDisposable
{
    private const string Valid = """
        ---
        id: form-shorter-stride
        title: Shorten your stride
        category: form            # causes|form|strength|stretching|recovery|load|gear|professional|general
        tags: [stride, overstriding, cadence, landing, heel strike]
        questions:
          - how do i change my stride so my knees stop hurting
          - is overstriding bad for my knees
        related: [form-midfoot-landing, form-cadence]
        source: 001_30c42076a844ec37.txt
        ---
        A long stride puts the foot down far ahead of the body.
        It brakes every step.

        - Take quicker steps.
        - Land under your hips.

        A last paragraph.
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-kb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parse_ValidEntry_ReadsEveryField()
    {
        var entry = KnowledgeBaseLoader.Parse(Valid, "form-shorter-stride.md");

        Assert.Equal("form-shorter-stride", entry.Id);
        Assert.Equal("Shorten your stride", entry.Title);
        Assert.Equal("form", entry.Category);
        Assert.Equal(["stride", "overstriding", "cadence", "landing", "heel strike"], entry.Tags);
        Assert.Equal(["how do i change my stride so my knees stop hurting", "is overstriding bad for my knees"], entry.Questions);
        Assert.Equal(["form-midfoot-landing", "form-cadence"], entry.Related);
        Assert.Equal(["001_30c42076a844ec37.txt"], entry.Sources);
        Assert.False(entry.AlsoGeneral);
        Assert.StartsWith("A long stride", entry.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BodyWithBullets_BecomesParagraphsAndOneList()
    {
        var entry = KnowledgeBaseLoader.Parse(Valid, "form-shorter-stride.md");

        Assert.Collection(
            entry.BodyBlocks,
            b => Assert.Equal(new Paragraph("A long stride puts the foot down far ahead of the body. It brakes every step."), b),
            b => Assert.Equal(["Take quicker steps.", "Land under your hips."], Assert.IsType<BulletList>(b).Items),
            b => Assert.Equal(new Paragraph("A last paragraph."), b));
    }

    [Theory]
    [InlineData("source: general", "", true)]
    [InlineData("source:", "", true)]
    [InlineData("source: \"002_5f2fea6c1b52d119.txt\"", "002_5f2fea6c1b52d119.txt", false)]
    [InlineData("source: 001_30c42076a844ec37.txt, 003_40ffb4eeb1b926f4.txt", "001_30c42076a844ec37.txt|003_40ffb4eeb1b926f4.txt", false)]
    [InlineData("source: 000_7ddfa07d43795587.txt; plus general running-injury guidance", "000_7ddfa07d43795587.txt", true)]
    [InlineData("source: general running-injury guidance (not from the five articles)", "", true)]
    public void Parse_Source_FilesAndGeneralGuidance(string line, string files, bool alsoGeneral)
    {
        var text = Valid.Replace("source: 001_30c42076a844ec37.txt", line, StringComparison.Ordinal);

        var entry = KnowledgeBaseLoader.Parse(text, "x.md");

        Assert.Equal(files.Split('|', StringSplitOptions.RemoveEmptyEntries), entry.Sources);
        Assert.Equal(alsoGeneral, entry.AlsoGeneral);
    }

    [Theory]
    [InlineData("no front matter at all, just text that is long enough to be a body.", "line 1", "front matter")]
    [InlineData("---\nid: a\ntitle: T\n", "line 1", "not closed")]
    [InlineData("---\ntitle: T\ncategory: form\ntags: [a]\nquestions: [q]\n---\nA body that is long enough to count as a body here.", "line 1", "no 'id'")]
    [InlineData("---\nid: Bad Id\ntitle: T\ncategory: form\ntags: [a]\nquestions: [q]\n---\nA body that is long enough to count as a body here.", "line 1", "kebab-case")]
    [InlineData("---\nid: a\ntitle: T\ncategory: magic\ntags: [a]\nquestions: [q]\n---\nA body that is long enough to count as a body here.", "line 1", "category 'magic'")]
    [InlineData("---\nid: a\ntitle: T\ncategory: form\ntags: [a]\nquestions: []\n---\nA body that is long enough to count as a body here.", "line 1", "'questions'")]
    [InlineData("---\nid: a\ntitle: T\ncategory: form\ntags: stride\nquestions: [q]\n---\nA body that is long enough to count as a body here.", "line 5", "must be a list")]
    [InlineData("---\nid: a\ntitle: T\ncategory: form\ntags: [a]\nquestions: [q]\n---\n", "line 8", "body")]
    [InlineData("---\nid: a\nthis line is not yaml\ntitle: T\n---\nA body that is long enough to count as a body here.", "line 3", "key: value")]
    [InlineData("---\nid: a\nid: b\ntitle: T\n---\nA body that is long enough to count as a body here.", "line 3", "twice")]
    [InlineData("---\n  - orphan item\nid: a\n---\nA body that is long enough to count as a body here.", "line 2", "list key")]
    [InlineData("---\nid: a\ntitle: T\ncategory: form\ntags: [a]\nquestions: [q]\nsource: article.txt\n---\nA body that is long enough to count as a body here.", "line 1", "'article.txt'")]
    public void Parse_MalformedEntry_ThrowsNamingFileAndLine(string text, string line, string problem)
    {
        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Parse(text, "data/knowledge/broken.md"));

        Assert.Contains("'data/knowledge/broken.md'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingIt()
    {
        var missing = Path.Combine(_directory, "nope");

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Load(missing, Path.Combine(_directory, "sources.json")));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyDirectory_ThrowsNamingIt()
    {
        WriteSources();
        Directory.CreateDirectory(Path.Combine(_directory, "knowledge"));

        var ex = Assert.Throws<KnowledgeBaseException>(() => Load());

        Assert.Contains("no *.md entries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingSourcesFile_ThrowsNamingIt()
    {
        WriteEntry("a", related: "", source: "general");

        var ex = Assert.Throws<KnowledgeBaseException>(() => Load());

        Assert.Contains("sources.json", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"file\": \"x\"}", "JSON array")]
    [InlineData("[{\"file\": \"x\"}]", "item 0")]
    [InlineData("[{\"file\": ", "not valid JSON")]
    public void Load_BadSourcesFile_ThrowsNamingIt(string json, string problem)
    {
        WriteEntry("a", related: "", source: "general");
        File.WriteAllText(Path.Combine(_directory, "sources.json"), json);

        var ex = Assert.Throws<KnowledgeBaseException>(() => Load());

        Assert.Contains("sources.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadmeBesideTheEntries_IsNotReadAsAnEntry()
    {
        WriteSources();
        WriteEntry("a", related: "", source: "general");
        File.WriteAllText(Path.Combine(_directory, "knowledge", "README.md"), "# About these entries\n\nNo front matter here.");

        var knowledge = Load();

        Assert.Equal(["a"], knowledge.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Load_DuplicateId_NamesBothFiles()
    {
        WriteSources();
        WriteEntry("a", related: "", source: "general");
        File.Copy(Path.Combine(_directory, "knowledge", "a.md"), Path.Combine(_directory, "knowledge", "b.md"));

        var ex = Assert.Throws<KnowledgeBaseException>(() => Load());

        Assert.Contains("b.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a.md", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownRelatedId_NamesFileAndId()
    {
        WriteSources();
        WriteEntry("a", related: "ghost", source: "general");

        var ex = Assert.Throws<KnowledgeBaseException>(() => Load());

        Assert.Contains("a.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnlistedSource_NamesFileAndSource()
    {
        WriteSources();
        WriteEntry("a", related: "", source: "999_fedcba9876543210.txt");

        var ex = Assert.Throws<KnowledgeBaseException>(() => Load());

        Assert.Contains("a.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains("999_fedcba9876543210.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ValidDirectory_ReadsEntriesAndSources()
    {
        WriteSources();
        WriteEntry("a", related: "b", source: "001_0123456789abcdef.txt");
        WriteEntry("b", related: "a", source: "general");

        var knowledge = Load();

        Assert.Equal(["a", "b"], knowledge.Entries.Select(e => e.Id));
        Assert.Equal("Article A", knowledge.Sources["001_0123456789abcdef.txt"].Title);
    }

    [Fact]
    public void Load_RealKnowledgeBase_IsValidAndCoversEveryCategoryUsed()
    {
        var knowledge = fixture.Knowledge;

        Assert.NotEmpty(knowledge.Entries);
        Assert.All(knowledge.Entries, e => Assert.Contains(e.Category, KnowledgeCategories.All));
        Assert.All(knowledge.Entries, e => Assert.NotEmpty(e.BodyBlocks));
        Assert.All(knowledge.Entries.SelectMany(e => e.Sources), file => Assert.True(knowledge.Sources.ContainsKey(file)));
    }

    private KnowledgeBase Load() => KnowledgeBaseLoader.Load(Path.Combine(_directory, "knowledge"), Path.Combine(_directory, "sources.json"));

    private void WriteSources() =>
        File.WriteAllText(Path.Combine(_directory, "sources.json"), """[{"file": "001_0123456789abcdef.txt", "title": "Article A"}]""");

    private void WriteEntry(string id, string related, string source)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "knowledge")).FullName;
        File.WriteAllText(Path.Combine(folder, id + ".md"), $"""
            ---
            id: {id}
            title: Entry {id}
            category: general
            tags: [t]
            questions: [q]
            related: [{related}]
            source: {source}
            ---
            A body that is long enough to count as a body of an entry.
            """);
    }
}

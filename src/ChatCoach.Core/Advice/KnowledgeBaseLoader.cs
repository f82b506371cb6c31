using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Reads <c>data/knowledge/*.md</c> and <c>data/sources.json</c>. The front matter is a small, fixed subset of YAML
/// (scalars, <c>[a, b]</c> lists and <c>- item</c> lists), parsed here rather than with a YAML library so that every
/// error can name the file and line. Anything wrong stops the start with a <see cref="KnowledgeBaseException"/>.
/// </summary>
public static partial class KnowledgeBaseLoader
{
    private static readonly string[] ListKeys = ["tags", "questions", "related"];

    public static KnowledgeBase Load(string directory, string sourcesFile)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(sourcesFile);
        if (!Directory.Exists(directory))
        {
            throw new KnowledgeBaseException($"knowledge base directory '{directory}' does not exist (set Knowledge:Path).");
        }

        // A README.md beside the entries documents the folder (data/knowledge/zh has one); it is not an entry.
        var files = Directory.GetFiles(directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new KnowledgeBaseException($"knowledge base directory '{directory}' has no *.md entries (set Knowledge:Path).");
        }

        var sources = LoadSources(sourcesFile);
        var entries = new List<KnowledgeEntry>(files.Count);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException ex)
            {
                throw new KnowledgeBaseException($"knowledge entry '{file}' cannot be read: {ex.Message}", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new KnowledgeBaseException($"knowledge entry '{file}' cannot be read: {ex.Message}", ex);
            }

            var entry = Parse(text, file);
            if (!seen.TryAdd(entry.Id, file))
            {
                throw new KnowledgeBaseException($"knowledge entry '{file}': id '{entry.Id}' is already used by '{seen[entry.Id]}'.");
            }

            foreach (var source in entry.Sources)
            {
                if (!sources.ContainsKey(source))
                {
                    throw new KnowledgeBaseException($"knowledge entry '{file}': source '{source}' is not listed in '{sourcesFile}'.");
                }
            }

            entries.Add(entry);
        }

        foreach (var entry in entries)
        {
            foreach (var related in entry.Related)
            {
                if (related == entry.Id || !seen.ContainsKey(related))
                {
                    throw new KnowledgeBaseException($"knowledge entry '{entry.FileName}': related id '{related}' is not another entry's id.");
                }
            }
        }

        return new KnowledgeBase(entries, sources);
    }

    public static IReadOnlyDictionary<string, KnowledgeSource> LoadSources(string sourcesFile)
    {
        ArgumentNullException.ThrowIfNull(sourcesFile);
        if (!File.Exists(sourcesFile))
        {
            throw new KnowledgeBaseException($"sources list '{sourcesFile}' does not exist (set Knowledge:SourcesFile).");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(sourcesFile));
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new KnowledgeBaseException($"sources list '{sourcesFile}' must be a JSON array of {{\"file\", \"title\"}}.");
            }

            var sources = new Dictionary<string, KnowledgeSource>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var file = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                var title = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (string.IsNullOrWhiteSpace(file) || string.IsNullOrWhiteSpace(title))
                {
                    throw new KnowledgeBaseException($"sources list '{sourcesFile}': item {index} needs a non-empty \"file\" and \"title\".");
                }

                sources[file.Trim()] = new KnowledgeSource(file.Trim(), title.Trim());
                index++;
            }

            return sources;
        }
        catch (JsonException ex)
        {
            throw new KnowledgeBaseException($"sources list '{sourcesFile}' is not valid JSON: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new KnowledgeBaseException($"sources list '{sourcesFile}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Parses one entry; <paramref name="fileName"/> only appears in error messages.</summary>
    public static KnowledgeEntry Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = 0;
        while (first < lines.Length && lines[first].Trim().Length == 0)
        {
            first++;
        }

        if (first >= lines.Length || lines[first].Trim() != "---")
        {
            throw Error(fileName, first + 1, "expected front matter starting with '---'");
        }

        var close = -1;
        for (var i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() == "---")
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            throw Error(fileName, first + 1, "front matter is not closed by a '---' line");
        }

        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? openList = null;
        for (var i = first + 1; i < close; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed == "-")
            {
                if (openList is null || !char.IsWhiteSpace(line[0]) && !line.StartsWith('-'))
                {
                    throw Error(fileName, lineNumber, "a '- item' line must follow a list key such as 'questions:'");
                }

                var item = Unquote(StripComment(trimmed[1..].Trim()));
                if (item.Length == 0)
                {
                    throw Error(fileName, lineNumber, $"empty item in '{openList}'");
                }

                lists[openList].Add(item);
                continue;
            }

            var match = KeyLine().Match(line);
            if (!match.Success)
            {
                throw Error(fileName, lineNumber, $"expected 'key: value', got \"{Shorten(trimmed)}\"");
            }

            var key = match.Groups["key"].Value;
            var value = StripComment(match.Groups["value"].Value.Trim());
            if (scalars.ContainsKey(key) || lists.ContainsKey(key))
            {
                throw Error(fileName, lineNumber, $"'{key}' appears twice");
            }

            openList = null;
            if (ListKeys.Contains(key))
            {
                var list = new List<string>();
                lists[key] = list;
                if (value.Length == 0)
                {
                    openList = key;
                }
                else if (value.StartsWith('[') && value.EndsWith(']'))
                {
                    list.AddRange(value[1..^1].Split(',').Select(v => Unquote(v.Trim())).Where(v => v.Length > 0));
                }
                else
                {
                    throw Error(fileName, lineNumber, $"'{key}' must be a list: [a, b] or '- item' lines");
                }
            }
            else
            {
                scalars[key] = Unquote(value);
            }
        }

        string Required(string key)
        {
            if (!scalars.TryGetValue(key, out var value) || value.Length == 0)
            {
                throw Error(fileName, first + 1, $"front matter has no '{key}'");
            }

            return value;
        }

        List<string> List(string key, bool required)
        {
            if (lists.TryGetValue(key, out var list) && (list.Count > 0 || !required))
            {
                return list;
            }

            if (!required && !lists.ContainsKey(key))
            {
                return [];
            }

            throw Error(fileName, first + 1, $"front matter needs at least one item in '{key}'");
        }

        var id = Required("id");
        if (!IdPattern().IsMatch(id))
        {
            throw Error(fileName, first + 1, $"id '{id}' must be lower-case kebab-case (a-z, 0-9, '-')");
        }

        var title = Required("title");
        var category = Required("category").ToLowerInvariant();
        if (!KnowledgeCategories.All.Contains(category))
        {
            throw Error(fileName, first + 1, $"category '{category}' is not one of {string.Join('|', KnowledgeCategories.All)}");
        }

        var tags = List("tags", required: true);
        var questions = List("questions", required: true);
        var related = List("related", required: false);
        var (sourceFiles, alsoGeneral) = ParseSource(scalars.GetValueOrDefault("source"), fileName, first + 1);

        var body = string.Join('\n', lines.Skip(close + 1)).Trim();
        if (body.Length < 40)
        {
            throw Error(fileName, close + 2, "the body after the front matter is missing or too short");
        }

        return new KnowledgeEntry(id, title, category, tags, questions, related, sourceFiles, alsoGeneral, body, fileName)
        {
            BodyBlocks = ToBlocks(body),
        };
    }

    /// <summary>
    /// <c>source:</c> names article files (tokens like <c>NNN_0123456789abcdef.txt</c>, several separated by commas),
    /// optionally followed by a note such as "; plus general running-injury guidance"; with no file at all the entry
    /// is general guidance (see docs/knowledge-base.md).
    /// </summary>
    private static (IReadOnlyList<string> Files, bool AlsoGeneral) ParseSource(string? value, string fileName, int line)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ([], true);
        }

        var files = SourceFile().Matches(value).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        var stray = TxtToken().Matches(value).Select(m => m.Value).FirstOrDefault(t => !SourceFile().IsMatch(t));
        if (stray is not null)
        {
            throw Error(fileName, line, $"source file name '{stray}' must look like NNN_<16 hex digits>.txt");
        }

        return (files, files.Count == 0 || value.Contains("general", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Blank lines separate paragraphs; runs of "- " lines become one bullet list.</summary>
    internal static IReadOnlyList<ReplyBlock> ToBlocks(string body)
    {
        var blocks = new List<ReplyBlock>();
        var paragraph = new StringBuilder();
        var bullets = new List<string>();

        void FlushParagraph()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(new Paragraph(paragraph.ToString()));
                paragraph.Clear();
            }
        }

        void FlushBullets()
        {
            if (bullets.Count > 0)
            {
                blocks.Add(new BulletList([.. bullets]));
                bullets.Clear();
            }
        }

        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                FlushParagraph();
                FlushBullets();
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                FlushParagraph();
                bullets.Add(line[2..].Trim());
            }
            else
            {
                FlushBullets();
                if (paragraph.Length > 0)
                {
                    paragraph.Append(' ');
                }

                paragraph.Append(line);
            }
        }

        FlushParagraph();
        FlushBullets();
        return blocks;
    }

    private static string StripComment(string value)
    {
        // "form   # causes|form|..." — a comment needs whitespace before '#', so "c#" inside a value survives.
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == '#' && char.IsWhiteSpace(value[i - 1]) && !InsideQuotes(value, i))
            {
                return value[..i].TrimEnd();
            }
        }

        return value;
    }

    private static bool InsideQuotes(string value, int index)
    {
        var quote = value.Length > 0 && value[0] is '"' or '\'' ? value[0] : '\0';
        return quote != '\0' && value.IndexOf(quote, 1) is var end && (end < 0 || end > index);
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\''))
        {
            return value[1..^1].Trim();
        }

        return value;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static KnowledgeBaseException Error(string fileName, int line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"knowledge entry '{fileName}' line {line}: {problem}."));

    [GeneratedRegex(@"^(?<key>[a-z_]+)\s*:(?<value>.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{3}_[0-9a-f]{16}\.txt$|(?<![\w.])\d{3}_[0-9a-f]{16}\.txt(?![\w.])")]
    private static partial Regex SourceFile();

    [GeneratedRegex(@"[\w.-]+\.txt\b")]
    private static partial Regex TxtToken();
}

namespace ChatCoach.Core.Tests.Advice;

/// <summary>
/// One labelled message: <c>message&lt;TAB&gt;kind&lt;TAB&gt;ids-or-sign</c>. Kinds: advice (the third column lists the
/// entry ids, or categories in the old sets, that are right), urgent (a sign id in the new sets), adjacent, unrelated.
/// The old sets' <c>off-topic</c> and <c>fallback</c> read as adjacent and unrelated.
/// </summary>
public sealed record LabelledQuestion(string File, int Line, string Question, string Expected, IReadOnlyList<string> Acceptable);

public static class LabelledQuestions
{
    public const string Advice = "advice";
    public const string Urgent = "urgent";
    public const string Adjacent = "adjacent";
    public const string Unrelated = "unrelated";

    public const string FileName = "labelled-questions.tsv";
    public const string HoldoutFileName = "holdout-questions.tsv";
    public const string DevFileName = "LabelledSet/chat-dev.tsv";
    public const string TestFileName = "LabelledSet/chat-test.tsv";

    /// <summary>The second frozen English test set, written 2026-12-02 apart from the engine and scored once at merge.</summary>
    public const string Test2FileName = "LabelledSet/chat-test2.tsv";

    /// <summary>The third frozen English test set, written 2026-12-02 apart from the engine (after chat-test2 was spent) and scored once at merge.</summary>
    public const string Test3FileName = "LabelledSet/chat-test3.tsv";

    /// <summary>The fourth frozen English test set, written 2026-12-02 apart from the engine (after chat-test3 was spent), near copies of earlier sets dropped before any scoring, scored once at merge.</summary>
    public const string Test4FileName = "LabelledSet/chat-test4.tsv";

    /// <summary>The fifth frozen English test set, written 2026-12-02 apart from the engine (after chat-test4 was spent), near copies of earlier sets dropped before any scoring, scored once at merge.</summary>
    public const string Test5FileName = "LabelledSet/chat-test5.tsv";

    /// <summary>The sixth frozen English test set, written 2026-12-03 apart from the engine (after chat-test5), near copies of earlier sets dropped before any scoring, scored once at merge.</summary>
    public const string Test6FileName = "LabelledSet/chat-test6.tsv";

    /// <summary>The seventh frozen English test set, written 2026-12-03 apart from the engine (after chat-test6), near copies of earlier sets dropped before any scoring, scored once at merge.</summary>
    public const string Test7FileName = "LabelledSet/chat-test7.tsv";

    /// <summary>The eighth frozen English test set, written 2026-12-03 apart from the engine (after chat-test7, in ten writers' voices), near copies of earlier sets dropped before any scoring, scored once at merge.</summary>
    public const string Test8FileName = "LabelledSet/chat-test8.tsv";

    /// <summary>The ninth English test set, written 2026-12-06 apart from the engine in new voices, near copies of earlier sets (chat-dev2 too) dropped, scored once at merge (advice10); spent since.</summary>
    public const string Test9FileName = "LabelledSet/chat-test9.tsv";

    /// <summary>The second English development set, written 2026-12-06 apart from the engine to be tuned on (advice10).</summary>
    public const string Dev2FileName = "LabelledSet/chat-dev2.tsv";

    public static IReadOnlyList<LabelledQuestion> Load(string fileName) =>
        Parse(File.ReadAllLines(Path.Combine(RepositoryFile.Root, "tests", "ChatCoach.Core.Tests", "Advice", fileName)), fileName);

    public static IReadOnlyList<LabelledQuestion> Parse(IEnumerable<string> lines, string fileName)
    {
        var result = new List<LabelledQuestion>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            var kind = parts.Length < 2 ? "" : parts[1].Trim() switch
            {
                "off-topic" => Adjacent,
                "fallback" => Unrelated,
                var other => other,
            };
            if (kind is not (Advice or Urgent or Adjacent or Unrelated))
            {
                throw new FormatException($"{fileName} line {number}: expected 'message<TAB>advice|urgent|adjacent|unrelated[<TAB>ids or sign]'.");
            }

            var acceptable = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (kind == Advice && acceptable.Length == 0)
            {
                throw new FormatException($"{fileName} line {number}: an advice message needs acceptable entry ids or categories.");
            }

            result.Add(new LabelledQuestion(fileName, number, parts[0], kind, acceptable));
        }

        return result;
    }
}

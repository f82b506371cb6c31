using System.Runtime.CompilerServices;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>One line of <c>labelled-questions.tsv</c>.</summary>
public sealed record LabelledQuestion(int Line, string Question, string Expected, IReadOnlyList<string> Acceptable);

public static class LabelledQuestions
{
    public const string FileName = "labelled-questions.tsv";

    public const string HoldoutFileName = "holdout-questions.tsv";

    public static IReadOnlyList<LabelledQuestion> Load(string fileName = FileName) => Parse(File.ReadAllLines(Locate(fileName)), fileName);

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
            if (parts.Length < 2 || parts[1] is not ("advice" or "urgent" or "fallback" or "off-topic"))
            {
                throw new FormatException($"{fileName} line {number}: expected 'question<TAB>advice|urgent|fallback|off-topic[<TAB>ids or categories]'.");
            }

            var acceptable = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (parts[1] == "advice" && acceptable.Length == 0)
            {
                throw new FormatException($"{fileName} line {number}: an advice question needs acceptable entry ids or categories.");
            }

            result.Add(new LabelledQuestion(number, parts[0], parts[1], acceptable));
        }

        return result;
    }

    // The data file sits beside this source file; the test project copies only data/** to its output, so the
    // question set is found through the source path (the fresh clone CI runs in has it too).
    private static string Locate(string fileName, [CallerFilePath] string sourceFile = "")
    {
        var beside = Path.Combine(Path.GetDirectoryName(sourceFile) ?? "", fileName);
        var output = Path.Combine(AppContext.BaseDirectory, "Advice", fileName);
        return File.Exists(output) ? output : File.Exists(beside) ? beside
            : throw new FileNotFoundException($"{fileName} is neither at {output} nor at {beside}.");
    }
}

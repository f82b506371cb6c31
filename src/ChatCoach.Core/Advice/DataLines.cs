namespace ChatCoach.Core.Advice;

/// <summary>The lines of a shipped tab-separated data file (exemplars, labelled neighbours) that hold data: blank lines and <c>#</c> comments skipped, numbered from 1 for error messages.</summary>
internal static class DataLines
{
    public static IEnumerable<(int Number, string Line)> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                yield return (number, line);
            }
        }
    }
}

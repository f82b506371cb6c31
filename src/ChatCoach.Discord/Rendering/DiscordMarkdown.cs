using System.Text;

namespace ChatCoach.Discord;

/// <summary>
/// Makes any text display literally in Discord: markdown markers, quotes, headings, lists, masked links, custom
/// emoji and mention syntax are escaped, and <c>@everyone</c>/<c>@here</c> are broken with a zero-width space.
/// (Pings are also prevented by <c>allowed_mentions</c>; this keeps the text from even looking like one.)
/// </summary>
internal static class DiscordMarkdown
{
    private const char ZeroWidthSpace = '\u200B';

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart)
            {
                // Skip indentation: "  # heading" and "  - item" are still headings and items.
                if (c is ' ' or '\t')
                {
                    result.Append(c);
                    continue;
                }

                lineStart = false;
                if (c is '-' or '+' && i + 1 < text.Length && text[i + 1] == ' ')
                {
                    result.Append('\\').Append(c);
                    continue;
                }

                if (char.IsAsciiDigit(c))
                {
                    // "1. item" is a numbered list: escape the dot after the number.
                    var end = i;
                    while (end < text.Length && char.IsAsciiDigit(text[end]))
                    {
                        end++;
                    }

                    if (end < text.Length && text[end] == '.')
                    {
                        result.Append(text, i, end - i).Append("\\.");
                        i = end;
                        continue;
                    }
                }
            }

            switch (c)
            {
                case '\\' or '*' or '_' or '`' or '~' or '|' or '>' or '<' or '#' or '[' or ']':
                    result.Append('\\').Append(c);
                    break;
                case '@':
                    result.Append('@');
                    if (StartsWithWord(text, i + 1, "everyone") || StartsWithWord(text, i + 1, "here"))
                    {
                        result.Append(ZeroWidthSpace);
                    }

                    break;
                case '\n':
                    result.Append(c);
                    lineStart = true;
                    break;
                case '\r':
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    private static bool StartsWithWord(string text, int index, string word) =>
        string.CompareOrdinal(text, index, word, 0, word.Length) == 0;
}

using System.Globalization;

namespace ChatCoach.Core.Conversation;

/// <summary>What the router does to typed text before anything parses or echoes it.</summary>
public static class CommandText
{
    /// <summary>
    /// Control characters (NUL, terminal escapes, …) become spaces, so they can neither hide nor forge a command; format
    /// characters (Unicode Cf: direction overrides and isolates, soft hyphens, invisible operators …) are removed, so an
    /// echo can't be reordered or hidden on screen, except the zero-width (non-)joiner that emoji sequences and several
    /// scripts need; every decimal digit (Arabic-Indic, full-width, …) becomes its ASCII digit, so parsers that
    /// read only <c>0-9</c> see <c>UTC+١٢</c> as <c>UTC+12</c>.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsCleaning))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                    builder.Append(c == '\n' ? c : ' ');
                    break;
                case UnicodeCategory.Format when !IsJoiner(c):
                    break;
                case UnicodeCategory.DecimalDigitNumber when c is < '0' or > '9':
                    builder.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER: parts of emoji and of words, never of a command.</summary>
    private static bool IsJoiner(char c) => c is '\u200C' or '\u200D';

    private static bool NeedsCleaning(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control => c != '\n',
        UnicodeCategory.Format => !IsJoiner(c),
        UnicodeCategory.DecimalDigitNumber => c is < '0' or > '9',
        _ => false,
    };
}

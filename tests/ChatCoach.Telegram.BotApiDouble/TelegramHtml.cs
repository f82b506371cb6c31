using System.Text;

namespace ChatCoach.Telegram.BotApi;

/// <summary>
/// Telegram's HTML subset as the Bot API parses it: known tags only, properly nested, entities limited to
/// <c>&amp;lt; &amp;gt; &amp;amp; &amp;quot;</c> and numeric ones; a raw <c>&lt;</c> or <c>&amp;</c> is an error.
/// Returns the visible text (what Telegram counts against 4,096 characters) or the parse error.
/// </summary>
public static class TelegramHtml
{
    private static readonly HashSet<string> Tags = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    public static (string? Text, string? Error) Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var close = html.IndexOf('>', i);
                if (close < 0)
                {
                    return (null, $"Unclosed start tag at byte offset {ByteOffset(html, i)}");
                }

                var inner = html[(i + 1)..close];
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        return (null, $"Unmatched end tag at byte offset {ByteOffset(html, i)}, expected \"</{(open.Count > 0 ? open.Peek() : "")}>\", found \"</{name}>\"");
                    }

                    open.Pop();
                }
                else
                {
                    var name = inner.Split(' ', 2)[0].ToLowerInvariant();
                    if (name.Length == 0 || !Tags.Contains(name))
                    {
                        return (null, $"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}");
                    }

                    open.Push(name);
                }

                i = close + 1;
                continue;
            }

            if (c == '&')
            {
                var semicolon = html.IndexOf(';', i);
                var entity = semicolon < 0 || semicolon - i > 10 ? null : html[(i + 1)..semicolon];
                var decoded = entity switch
                {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    ['#', 'x', .. var hex] when int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out var code) => char.ConvertFromUtf32(code),
                    ['#', .. var dec] when int.TryParse(dec, out var code) => char.ConvertFromUtf32(code),
                    _ => null,
                };
                if (decoded is null)
                {
                    return (null, $"Character entity expected at byte offset {ByteOffset(html, i)}");
                }

                text.Append(decoded);
                i = semicolon + 1;
                continue;
            }

            text.Append(c);
            i++;
        }

        if (open.Count > 0)
        {
            return (null, $"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        }

        return (text.ToString(), null);
    }

    private static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}

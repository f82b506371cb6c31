using System.Globalization;
using System.Text;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Telegram.Rendering;

/// <summary>
/// One Telegram message: HTML text with buttons, or (with <paramref name="Attachment"/>) a file: a document sent with
/// sendDocument, a picture with sendPhoto, the HTML then being its caption.
/// </summary>
internal sealed record TelegramMessage(string Html, IReadOnlyList<ReplyButton> Buttons, ReplyAttachment? Attachment = null);

/// <summary>
/// Renders a reply as Telegram HTML: the title in bold, paragraphs, "• " bullet lists, every string escaped.
/// Long replies are split between blocks (then between words) so that each message stays within
/// <see cref="MaxLength"/> characters of markup, which is never less than what Telegram counts.
/// </summary>
internal static class TelegramRenderer
{
    /// <summary>Telegram's limit for one message's text.</summary>
    public const int MaxLength = 4096;

    /// <summary>Telegram's limit for a photo's or document's caption, in characters after entity parsing.</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary>Telegram's limit for a button's callback data, in UTF-8 bytes.</summary>
    public const int MaxCallbackDataBytes = 64;

    public static IReadOnlyList<TelegramMessage> Render(Reply reply, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var pieces = new List<string>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            pieces.AddRange(Fit($"<b>{Escape(reply.Title.Trim())}</b>", reply.Title.Trim(), "<b>", "</b>", maxLength));
        }

        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case Paragraph paragraph when !string.IsNullOrWhiteSpace(paragraph.Text):
                    pieces.AddRange(Fit(Escape(paragraph.Text.Trim()), paragraph.Text.Trim(), "", "", maxLength));
                    break;
                case BulletList list:
                    pieces.AddRange(RenderList(list, maxLength));
                    break;
            }
        }

        if (pieces.Count == 0)
        {
            pieces.Add(Escape("…"));
        }

        // Pack whole pieces into messages; a blank line separates them.
        var messages = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in pieces)
        {
            var separator = current.Length == 0 ? 0 : 2;
            if (current.Length + separator + piece.Length > maxLength)
            {
                messages.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append("\n\n");
            }

            current.Append(piece);
        }

        messages.Add(current.ToString());
        var buttons = reply.Buttons.Where(b => Encoding.UTF8.GetByteCount(b.Action) <= MaxCallbackDataBytes && !string.IsNullOrWhiteSpace(b.Label)).ToList();
        IReadOnlyList<TelegramMessage> rendered = [.. messages.Select((html, i) => new TelegramMessage(html, i == messages.Count - 1 ? buttons : []))];

        switch (reply.Attachment)
        {
            case { Kind: AttachmentKind.Photo } photo when messages.Count == 1 && messages[0].Length <= MaxCaptionLength:
                // Short enough for a caption (markup is never shorter than the text Telegram counts): one photo message.
                return [new TelegramMessage(messages[0], buttons, photo)];
            case { Kind: AttachmentKind.Photo } photo:
                // Too long for a caption: the text as usual, then the photo captioned with the title alone.
                var caption = string.IsNullOrWhiteSpace(reply.Title) ? "" : $"<b>{Escape(Shorten(reply.Title.Trim(), MaxCaptionLength - 7))}</b>";
                return [.. rendered, new TelegramMessage(caption, [], photo)];
            case { } file:
                // A file follows the text as a document of its own, in the same chat and in order.
                return [.. rendered, new TelegramMessage("", [], file)];
            default:
                return rendered;
        }
    }

    /// <summary>Escapes the three characters Telegram's HTML parser treats specially (quotes only matter inside attributes, which we never write).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('<', '>', '&') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '&' => builder.Append("&amp;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return text[..cut] + "…";
    }

    private static IEnumerable<string> RenderList(BulletList list, int maxLength)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(list.Heading))
        {
            lines.AddRange(Fit($"<b>{Escape(list.Heading.Trim())}</b>", list.Heading.Trim(), "<b>", "</b>", maxLength));
        }

        foreach (var item in list.Items.Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            var text = "• " + item.Trim();
            lines.AddRange(Fit(Escape(text), text, "", "", maxLength));
        }

        // Keep the list's lines together (single newlines) as long as they fit in one message.
        var chunk = new StringBuilder();
        foreach (var line in lines)
        {
            if (chunk.Length > 0 && chunk.Length + 1 + line.Length > maxLength)
            {
                yield return chunk.ToString();
                chunk.Clear();
            }

            if (chunk.Length > 0)
            {
                chunk.Append('\n');
            }

            chunk.Append(line);
        }

        if (chunk.Length > 0)
        {
            yield return chunk.ToString();
        }
    }

    /// <summary>The rendered piece if it fits; otherwise the plain text cut at word boundaries, each part escaped and wrapped.</summary>
    private static IEnumerable<string> Fit(string rendered, string plain, string open, string close, int maxLength)
    {
        if (rendered.Length <= maxLength)
        {
            return [rendered];
        }

        var budget = maxLength - open.Length - close.Length;
        return SplitWords(plain, budget).Select(part => open + part + close);
    }

    /// <summary>Cuts text into escaped parts of at most <paramref name="budget"/> characters, between words where possible.</summary>
    private static IEnumerable<string> SplitWords(string text, int budget)
    {
        var part = new StringBuilder();
        foreach (var word in Words(text))
        {
            var escaped = Escape(word);
            if (part.Length + escaped.Length <= budget)
            {
                part.Append(escaped);
                continue;
            }

            if (part.Length > 0)
            {
                yield return part.ToString().TrimEnd();
                part.Clear();
            }

            var trimmed = Escape(word.TrimStart());
            if (trimmed.Length <= budget)
            {
                part.Append(trimmed);
                continue;
            }

            // A single "word" longer than a whole message: cut between text elements so no emoji or
            // surrogate pair is broken and no entity (&amp;) is torn apart.
            foreach (var element in TextElements(word.TrimStart()))
            {
                var escapedElement = Escape(element);
                if (part.Length + escapedElement.Length > budget)
                {
                    yield return part.ToString();
                    part.Clear();
                }

                part.Append(escapedElement);
            }
        }

        if (part.Length > 0 && !string.IsNullOrWhiteSpace(part.ToString()))
        {
            yield return part.ToString().TrimEnd();
        }
    }

    /// <summary>Words with their leading whitespace, so that joining them gives the text back.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            yield return text[start..i];
            start = i;
        }
    }

    private static IEnumerable<string> TextElements(string text)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            yield return enumerator.GetTextElement();
        }
    }
}

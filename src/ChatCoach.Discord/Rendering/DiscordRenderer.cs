using System.Text;
using ChatCoach.Core.Conversation;
using ChatCoach.Discord.Client;

namespace ChatCoach.Discord;

/// <summary>
/// A reply as Discord messages: an embed (escaped title and body) within Discord's limits, split over several
/// messages at paragraph, line or word boundaries when long, with the buttons under the last one.
/// </summary>
internal static class DiscordRenderer
{
    public const int ContentLimit = 2000;
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int CustomIdLimit = 100;
    public const int LabelLimit = 80;
    public const int MaxRows = 5;
    public const int ButtonsPerRow = 5;

    /// <summary>
    /// The reply's attachment (the <c>/mydata</c> document or the <c>/progress</c> chart) as a message of its own, uploaded as
    /// <c>files[0]</c> beside the text (Discord shows a PNG inline), or null when it has none.
    /// </summary>
    public static (MessagePayload Payload, IReadOnlyList<DiscordFile> Files)? RenderFile(Reply reply, bool ephemeral)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Attachment is not { } file)
        {
            return null;
        }

        var payload = new MessagePayload
        {
            Attachments = [new AttachmentPayload("0", file.FileName, file.AltText is { Length: > 0 } alt ? alt[..Math.Min(alt.Length, 1024)] : null)],
            Flags = ephemeral ? MessageFlags.Ephemeral : null,
        };
        return (payload, [new DiscordFile(file.FileName, file.MediaType, file.Content)]);
    }

    public static IReadOnlyList<MessagePayload> Render(Reply reply, bool ephemeral = false, bool withNotice = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var title = reply.Title is { Length: > 0 } t ? Shorten(DiscordMarkdown.Escape(t), TitleLimit) : null;
        var body = string.Join("\n\n", reply.Blocks.Select(RenderBlock).Where(b => b.Length > 0));
        var chunks = Split(body, DescriptionLimit);
        var notice = withNotice && reply.Notice is { Length: > 0 } n ? Shorten(DiscordMarkdown.Escape(n), ContentLimit) : null;
        var rows = Rows(reply.Buttons);
        var color = Color(reply.Kind);
        var flags = ephemeral ? MessageFlags.Ephemeral : (int?)null;

        var messages = new List<MessagePayload>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var embedTitle = i == 0 ? title : null;
            var description = chunks[i].Length > 0 ? chunks[i] : null;
            messages.Add(new MessagePayload
            {
                Content = i == 0 ? notice : null,
                Embeds = embedTitle is null && description is null ? null : [new Embed(embedTitle, description, Color: color)],
                Components = i == chunks.Count - 1 && rows.Count > 0 ? rows : null,
                Flags = flags,
            });
        }

        if (messages[0] is { Content: null, Embeds: null, Components: null })
        {
            messages[0] = messages[0] with { Content = "…" };
        }

        return messages;
    }

    /// <summary>
    /// The reply as plain content without embeds, for a channel where the bot lacks Embed Links (Discord answers 50013
    /// to an embed there): the title in bold, then the text, split at 2,000 characters, buttons under the last part.
    /// </summary>
    public static IReadOnlyList<MessagePayload> RenderPlain(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var title = reply.Title is { Length: > 0 } t ? "**" + Shorten(DiscordMarkdown.Escape(t), TitleLimit) + "**" : null;
        var body = string.Join("\n\n", reply.Blocks.Select(RenderBlock).Where(b => b.Length > 0).Prepend(title ?? "").Where(b => b.Length > 0));
        var chunks = Split(body.Length > 0 ? body : "…", ContentLimit);
        var rows = Rows(reply.Buttons);
        return
        [
            .. chunks.Select((chunk, i) => new MessagePayload
            {
                Content = chunk,
                Components = i == chunks.Count - 1 && rows.Count > 0 ? rows : null,
            }),
        ];
    }

    /// <summary>Splits text into pieces of at most <paramref name="limit"/> characters, preferring paragraph, then line, then word breaks.</summary>
    public static List<string> Split(string text, int limit)
    {
        var pieces = new List<string>();
        var rest = text.Trim();
        while (rest.Length > limit)
        {
            var cut = LastBreak(rest, "\n\n", limit);
            if (cut <= 0)
            {
                cut = LastBreak(rest, "\n", limit);
            }

            if (cut <= 0)
            {
                cut = LastBreak(rest, " ", limit);
            }

            if (cut <= 0)
            {
                // One "word" longer than the limit: cut it, but never inside an escape or a surrogate pair.
                cut = limit;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }

                if (rest[cut - 1] == '\\')
                {
                    cut--;
                }
            }

            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        pieces.Add(rest);
        return pieces;
    }

    /// <summary>The last separator that leaves at most <paramref name="limit"/> characters before it.</summary>
    private static int LastBreak(string text, string separator, int limit) =>
        text.LastIndexOf(separator, Math.Min(limit + separator.Length - 1, text.Length - 1), StringComparison.Ordinal);

    private static string RenderBlock(ReplyBlock block)
    {
        switch (block)
        {
            case Paragraph paragraph:
                return DiscordMarkdown.Escape(paragraph.Text).Trim();
            case BulletList list:
                var text = new StringBuilder();
                if (list.Heading is { Length: > 0 } heading)
                {
                    text.Append("**").Append(DiscordMarkdown.Escape(heading).Trim()).Append("**\n");
                }

                foreach (var item in list.Items)
                {
                    text.Append("• ").Append(DiscordMarkdown.Escape(item).Trim()).Append('\n');
                }

                return text.ToString().TrimEnd();
            default:
                return "";
        }
    }

    private static List<ActionRow> Rows(IReadOnlyList<ReplyButton> buttons)
    {
        var usable = buttons
            .Where(b => b.Action.Length is > 0 and <= CustomIdLimit)
            .DistinctBy(b => b.Action, StringComparer.Ordinal) // custom_id must be unique within a message
            .Take(MaxRows * ButtonsPerRow)
            .Select(b => new Button(
                b.Action == "done" ? ButtonStyles.Success : ButtonStyles.Primary,
                Shorten(b.Label.Length > 0 ? b.Label : b.Action, LabelLimit),
                b.Action))
            .ToList();
        return [.. usable.Chunk(ButtonsPerRow).Select(row => new ActionRow(row))];
    }

    private static string Shorten(string text, int limit)
    {
        text = text.Trim();
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', limit - 2);
        if (cut < limit / 2)
        {
            cut = limit - 1;
        }

        if (char.IsHighSurrogate(text[cut - 1]) || text[cut - 1] == '\\')
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    private static int Color(string kind) => kind switch
    {
        ReplyKinds.Urgent => 0xD64545,
        ReplyKinds.Error => 0x8A8F98,
        ReplyKinds.Advice => 0x3BA55C,
        ReplyKinds.Routine => 0x5865F2,
        _ => 0x4F8FBA,
    };
}

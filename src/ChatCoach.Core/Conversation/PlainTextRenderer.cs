using System.Text;

namespace ChatCoach.Core.Conversation;

/// <summary>Renders a reply as plain text: the console chat, the <c>ask</c> command, and logs use it.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            text.Append(reply.Title).Append('\n');
        }

        foreach (var block in reply.Blocks)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            switch (block)
            {
                case Paragraph paragraph:
                    text.Append(paragraph.Text).Append('\n');
                    break;
                case BulletList list:
                    if (list.Heading is not null)
                    {
                        text.Append(list.Heading).Append(HeadingEnd(list.Heading)).Append('\n');
                    }

                    foreach (var item in list.Items)
                    {
                        text.Append("• ").Append(item).Append('\n');
                    }

                    break;
            }
        }

        if (reply.Buttons.Count > 0)
        {
            text.Append('\n').Append(string.Join("   ", reply.Buttons.Select(b => $"[{b.Label} → type: {b.Action.Replace(':', ' ')}]"))).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// The colon after a list's heading: none when the heading already ends in one, the full-width one after Chinese
    /// (<c>也可以看看：</c>), else <c>:</c>.
    /// </summary>
    private static string HeadingEnd(string heading) =>
        heading.EndsWith(':') || heading.EndsWith('：') ? "" : heading.Any(c => c is >= '\u4e00' and <= '\u9fff') ? "：" : ":";
}

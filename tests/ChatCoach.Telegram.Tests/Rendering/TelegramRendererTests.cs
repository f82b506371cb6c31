using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Rendering;

namespace ChatCoach.Telegram.Tests.Rendering;

public sealed class TelegramRendererTests
{
    public static TheoryData<string> HostileTexts => new()
    {
        "<b>bold?</b>",
        "Tom & Jerry &amp; co",
        "unmatched <i> tag and </b> closer",
        "<script>alert(1)</script>",
        "a < b > c && d",
        "&lt; already escaped &gt;",
        "emoji 🏃‍♀️🦵🔥 and flags 🇳🇱",
        "עברית: הברך כואבת לי <b> אחרי ריצה",
        "العربية & <ركبة>",
        "\u202Eright-to-left override\u202C <tag>",
        "line\nbreaks\n\nand blank lines",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Render_HostileText_IsEscapedAndParsesBackToTheSameText(string text)
    {
        var reply = new Reply { Title = text, Blocks = [new Paragraph(text), new BulletList([text], text)] };

        var message = Assert.Single(TelegramRenderer.Render(reply));
        var (visible, error) = TelegramHtml.Parse(message.Html);

        Assert.Null(error);
        Assert.Equal($"{text}\n\n{text}\n\n{text}\n• {text}", visible);
    }

    [Fact]
    public void Render_Reply_UsesBoldTitleParagraphsAndBullets()
    {
        var reply = new Reply
        {
            Title = "Runner's knee",
            Blocks = [new Paragraph("Pain around the kneecap."), new BulletList(["Rest a few days", "Strengthen hips"], "Try this")],
        };

        var message = Assert.Single(TelegramRenderer.Render(reply));

        Assert.Equal("<b>Runner's knee</b>\n\nPain around the kneecap.\n\n<b>Try this</b>\n• Rest a few days\n• Strengthen hips", message.Html);
    }

    [Fact]
    public void Render_LongReply_SplitsAtParagraphsWithinLimitAndButtonsOnLast()
    {
        var paragraphs = Enumerable.Range(0, 30).Select(i => $"Paragraph {i}: " + string.Join(' ', Enumerable.Repeat("stretch & strengthen", 12))).ToList();
        var reply = new Reply
        {
            Title = "Long",
            Blocks = [.. paragraphs.Select(p => new Paragraph(p))],
            Buttons = [new ReplyButton("Done", "done")],
        };

        var messages = TelegramRenderer.Render(reply);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.Html.Length <= TelegramRenderer.MaxLength));
        Assert.All(messages.SkipLast(1), m => Assert.Empty(m.Buttons));
        Assert.Single(messages[^1].Buttons);
        var visible = string.Join("\n\n", messages.Select(m => TelegramHtml.Parse(m.Html).Text));
        Assert.Equal(string.Join("\n\n", paragraphs.Prepend("Long")), visible);
    }

    [Fact]
    public void Render_TenThousandCharacterParagraph_SplitsBetweenWordsOnly()
    {
        var words = Enumerable.Range(0, 1500).Select(i => i % 7 == 0 ? "<knee>" : "run&rest").ToList();
        var text = string.Join(' ', words);
        Assert.True(text.Length > 10_000);

        var messages = TelegramRenderer.Render(new Reply { Blocks = [new Paragraph(text)] });

        Assert.True(messages.Count >= 3);
        var parts = messages.Select(m => TelegramHtml.Parse(m.Html)).ToList();
        Assert.All(parts, p => Assert.Null(p.Error));
        Assert.All(messages, m => Assert.True(m.Html.Length <= TelegramRenderer.MaxLength));
        Assert.Equal(words, parts.SelectMany(p => p.Text!.Split(' ')));
    }

    [Fact]
    public void Render_SingleWordLongerThanMessage_CutsBetweenTextElements()
    {
        var text = string.Concat(Enumerable.Repeat("🏃‍♀️&", 1500));

        var messages = TelegramRenderer.Render(new Reply { Blocks = [new Paragraph(text)] });

        var visible = messages.Select(m => TelegramHtml.Parse(m.Html)).ToList();
        Assert.All(visible, v => Assert.Null(v.Error));
        Assert.All(messages, m => Assert.True(m.Html.Length <= TelegramRenderer.MaxLength));
        Assert.Equal(text, string.Concat(visible.Select(v => v.Text)));
        Assert.All(visible, v => Assert.All(TextElements(v.Text!), e => Assert.Contains(e, new[] { "🏃‍♀️", "&" })));
    }

    private static IEnumerable<string> TextElements(string text)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            yield return enumerator.GetTextElement();
        }
    }

    [Fact]
    public void Render_ButtonWithCallbackDataOver64Bytes_IsLeftOut()
    {
        var reply = new Reply
        {
            Title = "Buttons",
            Buttons = [new ReplyButton("Done", "done"), new ReplyButton("Focus", "routine:" + new string('é', 40)), new ReplyButton("Hips", "routine:hips")],
        };

        var message = Assert.Single(TelegramRenderer.Render(reply));

        Assert.Equal(["done", "routine:hips"], message.Buttons.Select(b => b.Action));
    }

    [Fact]
    public void Render_EmptyReply_StillSendsSomething()
    {
        var message = Assert.Single(TelegramRenderer.Render(new Reply()));

        Assert.Equal("…", message.Html);
    }
}

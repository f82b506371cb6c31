using ChatCoach.Core.Conversation;
using ChatCoach.Telegram.Rendering;

namespace ChatCoach.Telegram.Tests.Rendering;

public sealed class TelegramPhotoRenderingTests
{
    private static readonly ReplyAttachment Chart = ReplyAttachment.Png(new byte[] { 1, 2, 3 }, "progress.png", 800, 450, "a chart");

    [Fact]
    public void Render_ShortTextWithAPhoto_OnePhotoWithTheTextAsCaptionAndTheButtons()
    {
        var reply = Reply.Text("Your progress", "Days done per week: ▁▂▃ & more") with { Attachment = Chart, Buttons = [new("Done", "done")] };

        var message = Assert.Single(TelegramRenderer.Render(reply));

        Assert.Same(Chart, message.Attachment);
        Assert.Equal("<b>Your progress</b>\n\nDays done per week: ▁▂▃ &amp; more", message.Html);
        Assert.Equal("done", Assert.Single(message.Buttons).Action);
    }

    [Fact]
    public void Render_TextLongerThanACaption_TextMessagesThenThePhotoCaptionedWithTheTitle()
    {
        var reply = Reply.Text("Your <progress>", new string('x', 700), new string('y', 700)) with { Attachment = Chart };

        var messages = TelegramRenderer.Render(reply);

        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0].Attachment);
        Assert.Contains(new string('y', 700), messages[0].Html, StringComparison.Ordinal);
        Assert.Same(Chart, messages[1].Attachment);
        Assert.Equal("<b>Your &lt;progress&gt;</b>", messages[1].Html);
        Assert.True(messages[1].Html.Length <= TelegramRenderer.MaxCaptionLength);
    }

    [Fact]
    public void Render_Document_FollowsTheTextWithoutCaption()
    {
        var file = ReplyAttachment.Document("data.json", "application/json", new byte[] { (byte)'{', (byte)'}' });

        var messages = TelegramRenderer.Render(Reply.Text("Your data", "Attached.") with { Attachment = file });

        Assert.Equal(2, messages.Count);
        Assert.Equal(("", file), (messages[1].Html, messages[1].Attachment));
    }
}

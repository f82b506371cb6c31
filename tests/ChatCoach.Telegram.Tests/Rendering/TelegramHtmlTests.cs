using ChatCoach.Telegram.BotApi;

namespace ChatCoach.Telegram.Tests.Rendering;

/// <summary>The double's HTML check must be strict for the escaping tests to mean anything.</summary>
public sealed class TelegramHtmlTests
{
    [Theory]
    [InlineData("<b>bold</b> &lt;tag&gt; &amp; &quot;q&quot; &#128293;", "bold <tag> & \"q\" 🔥")]
    [InlineData("<b>a <i>b</i></b>\n• c", "a b\n• c")]
    [InlineData("a > b", "a > b")]
    public void Parse_ValidHtml_ReturnsVisibleText(string html, string expected)
    {
        var (text, error) = TelegramHtml.Parse(html);

        Assert.Null(error);
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("a < b")]
    [InlineData("Tom & Jerry")]
    [InlineData("<b>open")]
    [InlineData("<b><i>crossed</b></i>")]
    [InlineData("closing</b>")]
    [InlineData("<script>x</script>")]
    [InlineData("&nbsp;")]
    public void Parse_InvalidHtml_ReturnsError(string html)
    {
        var (text, error) = TelegramHtml.Parse(html);

        Assert.Null(text);
        Assert.NotNull(error);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using ChatCoach.Core.Conversation;
using ChatCoach.Discord.Client;
using ChatCoach.Discord.ApiDouble;

namespace ChatCoach.Discord.Tests;

public sealed class RenderingTests
{
    [Theory]
    [InlineData("**bold** and __under__", "\\*\\*bold\\*\\* and \\_\\_under\\_\\_")]
    [InlineData("~~gone~~ ||secret||", "\\~\\~gone\\~\\~ \\|\\|secret\\|\\|")]
    [InlineData("`code` ```block```", "\\`code\\` \\`\\`\\`block\\`\\`\\`")]
    [InlineData("> quote\n>>> block", "\\> quote\n\\>\\>\\> block")]
    [InlineData("# Heading\n## Sub", "\\# Heading\n\\#\\# Sub")]
    [InlineData("- item\n1. first\n  + nested", "\\- item\n1\\. first\n  \\+ nested")]
    [InlineData("[click me](https://evil.example)", "\\[click me\\](https://evil.example)")]
    [InlineData("hi @everyone and @here", "hi @\u200Beveryone and @\u200Bhere")]
    [InlineData("<@123> <@&456> <#789> <:smile:1> <t:1700000000:R>", "\\<@123\\> \\<@&456\\> \\<\\#789\\> \\<:smile:1\\> \\<t:1700000000:R\\>")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("plain words, 07:30, 3-4 km", "plain words, 07:30, 3-4 km")]
    public void Escape_HostileMarkdown_DisplaysLiterally(string input, string expected)
    {
        Assert.Equal(expected, DiscordMarkdown.Escape(input));
    }

    [Fact]
    public void Render_Reply_IsAnEmbedWithEscapedTitleListAndNoPings()
    {
        var reply = new Reply
        {
            Title = "Knee *pain*",
            Blocks = [new Paragraph("Rest @everyone"), new BulletList(["one_two", "three"], "Try")],
            Kind = ReplyKinds.Advice,
        };

        var message = Assert.Single(DiscordRenderer.Render(reply));
        var json = Json(message);

        Assert.Equal("Knee \\*pain\\*", json["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("Rest @\u200Beveryone\n\n**Try**\n• one\\_two\n• three", json["embeds"]![0]!["description"]!.GetValue<string>());
        Assert.Equal("[]", json["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.Null(json["flags"]);
        Assert.Null(json["components"]);
    }

    [Fact]
    public void Render_HugeReply_StaysWithinEveryLimit()
    {
        var longTitle = string.Concat(Enumerable.Repeat("very long title ", 40));
        var paragraphs = Enumerable.Range(0, 40).Select(i => new Paragraph(string.Join(' ', Enumerable.Repeat($"*p{i}*", 60)))).ToList();
        var buttons = Enumerable.Range(0, 30).Select(i => new ReplyButton(new string('L', 120), $"routine:{i}"))
            .Append(new ReplyButton("too long", "x" + new string('y', 100)))
            .Append(new ReplyButton("dup", "routine:0"))
            .ToList();
        var reply = new Reply { Title = longTitle, Blocks = paragraphs, Buttons = buttons, Notice = "Day 5 🔥" };

        var messages = DiscordRenderer.Render(reply, ephemeral: true, withNotice: true);

        Assert.True(messages.Count > 1);
        foreach (var message in messages)
        {
            Assert.Empty(DiscordLimits.ValidateMessage(Json(message)));
            Assert.Equal(64, message.Flags);
        }

        Assert.EndsWith("…", messages[0].Embeds![0].Title, StringComparison.Ordinal);
        Assert.Equal("Day 5 🔥", messages[0].Content);
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.Components));
        var rows = messages[^1].Components!;
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.Components.Count));
        Assert.DoesNotContain(rows.SelectMany(r => r.Components), b => b.CustomId.Length > 100);
        Assert.All(rows.SelectMany(r => r.Components), b => Assert.True(b.Label.Length <= 80));
    }

    [Fact]
    public void Split_LongText_BreaksAtWordsOnly()
    {
        var words = Enumerable.Range(0, 3000).Select(i => $"w{i}").ToList();

        var pieces = DiscordRenderer.Split(string.Join(' ', words), 1000);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 1000));
        Assert.Equal(words, pieces.SelectMany(p => p.Split(' ')));
    }

    [Fact]
    public void Split_PrefersParagraphBreaks()
    {
        var first = string.Join(' ', Enumerable.Repeat("alpha", 100));
        var second = string.Join(' ', Enumerable.Repeat("beta", 100));

        var pieces = DiscordRenderer.Split(first + "\n\n" + second, 700);

        Assert.Equal([first, second], pieces);
    }

    [Fact]
    public void Split_OneHugeWord_NeverCutsAnEscape()
    {
        var escaped = DiscordMarkdown.Escape(new string('*', 600));

        var pieces = DiscordRenderer.Split(escaped, 101);

        Assert.All(pieces, p => Assert.True(p.Length % 2 == 0 && p.Length <= 101, $"piece of {p.Length}"));
        Assert.Equal(escaped, string.Concat(pieces));
    }

    private static JsonNode Json(MessagePayload message) => JsonNode.Parse(JsonSerializer.Serialize(message, DiscordJson.Options))!;
}

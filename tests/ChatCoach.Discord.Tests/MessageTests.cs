using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

public sealed class MessageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Theory]
    [InlineData("<@{0}> my knee hurts after long runs")]
    [InlineData("my knee hurts after long runs <@!{0}>")]
    public async Task Mention_IsAnsweredAsQuestion_WithMentionStripped(string template)
    {
        var content = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _discord.BotUserId);
        var message = DiscordEvents.Message(content, mentionIds: [_discord.BotUserId]);

        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", message);

        await _discord.Rest.WaitForAsync("POST", "^/channels/\\d+/messages$", 1);
        var seen = Assert.Single(_bot.Get<FakeAskHandler>().Seen);
        Assert.Equal("my knee hurts after long runs", seen.Text);
        Assert.True(seen.IsAddressedToBot);
        var posts = _discord.Rest.Where("POST", "^/channels/\\d+/messages$");
        Assert.True(posts.Count == 1, string.Join("\n", posts.Select(p => $"{p.Status} {p.Body}")));
        var post = posts[0];
        Assert.Equal($"/channels/{DiscordEvents.ChannelId}/messages", post.Path);
        Assert.Equal(message["id"]!.GetValue<string>(), post.Body!["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Equal("[]", post.Body["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.Equal($"Bot {_discord.Token}", post.Authorization);
    }

    [Fact]
    public async Task DirectMessage_WithoutMention_IsAnswered()
    {
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message("does icing help?", guildId: null, channelId: "1200000000000000099"));

        await _discord.Rest.WaitForAsync("POST", "^/channels/1200000000000000099/messages$", 1);
        var seen = Assert.Single(_bot.Get<FakeAskHandler>().Seen);
        Assert.True(seen.IsDirect);
        Assert.Equal("does icing help?", seen.Text);
    }

    [Fact]
    public async Task OtherBotsItselfAndUnaddressedChatter_AreIgnored()
    {
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message($"<@{_discord.BotUserId}> hi", authorId: "1700000000000000001", authorName: "otherbot", authorIsBot: true, mentionIds: [_discord.BotUserId]));
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message("my own answer", authorId: _discord.BotUserId, authorName: "chatcoach", guildId: null));
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message("just chatting about knees"));
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message($"<@{_discord.BotUserId}> the real question", mentionIds: [_discord.BotUserId]));

        await _discord.Rest.WaitForAsync("POST", "^/channels/\\d+/messages$", 1);
        var seen = Assert.Single(_bot.Get<FakeAskHandler>().Seen);
        Assert.Equal("the real question", seen.Text);
        Assert.Single(_discord.Rest.Where("POST", "^/channels/\\d+/messages$"));
    }

    [Fact]
    public async Task Mention_WithHostileText_IsEscapedAndPingsNobody()
    {
        var hostile = $"<@{_discord.BotUserId}> @everyone **bold** [click](https://evil.example) `code` ||spoiler|| <@1400000000000000009>";
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message(hostile, mentionIds: [_discord.BotUserId]));

        await _discord.Rest.WaitForAsync("POST", "^/channels/\\d+/messages$", 1);
        var post = Assert.Single(_discord.Rest.Where("POST", "^/channels/\\d+/messages$"));
        var description = post.Body!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("@\u200Beveryone", description, StringComparison.Ordinal);
        Assert.Contains("\\*\\*bold\\*\\*", description, StringComparison.Ordinal);
        Assert.Contains("\\[click\\](https", description, StringComparison.Ordinal);
        Assert.Contains("\\`code\\`", description, StringComparison.Ordinal);
        Assert.Contains("\\|\\|spoiler\\|\\|", description, StringComparison.Ordinal);
        Assert.Contains("\\<@1400000000000000009\\>", description, StringComparison.Ordinal);
        Assert.Equal("[]", post.Body["allowed_mentions"]!["parse"]!.ToJsonString());
    }
}

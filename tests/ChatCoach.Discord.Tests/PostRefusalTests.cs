using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>Which answers to a scheduled post give the subscription up, and which are only "not now"; on a fake clock.</summary>
public sealed class PostRefusalTests : IAsyncLifetime
{
    private const string Channel = "1200000000000000301";
    private static readonly Reply Routine = new()
    {
        Title = "Today's routine",
        Blocks = [new BulletList(["Calf raises 3×12", "Glute bridge 3×10"], "Exercises")],
        Buttons = [new ReplyButton("Done ✅", "done")],
        Kind = ReplyKinds.Routine,
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
    private readonly ChatAddress _chat = new("discord", Channel, DiscordEvents.GuildId);
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
        _bot = await BotHost.StartAsync(_discord);
        await _discord.Gateway.WaitForSessionsAsync(1);

        // Faults injected by a test must meet its own requests, not the start-up registration.
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Theory]
    [InlineData(404, 10003)] // Unknown Channel
    [InlineData(404, 10004)] // Unknown Guild
    [InlineData(403, 50001)] // Missing Access
    public async Task ChannelGoneForGood_IsPermanentAtOnce(int status, int code)
    {
        _discord.Rest.ChannelRefusals[Channel] = (status, code);

        var outcome = await Send();

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Reason, StringComparison.Ordinal);
        Assert.Single(Posts());
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task RefusalWithoutADiscordCode_IsTemporary(int status)
    {
        // A proxy or a mistyped Discord:ApiBaseUrl answers with a page of its own; the channel may be fine.
        _discord.Rest.ChannelRefusals[Channel] = (status, null);

        var outcome = await Send();

        Assert.Equal(SendStatus.TemporaryFailure, outcome.Status);
    }

    [Theory]
    [InlineData(50013)] // Missing Permissions (Send Messages taken away)
    [InlineData(50007)] // Cannot send messages to this user
    public async Task FixableRefusal_IsTemporary_UntilItHasLastedTheGracePeriod(int code)
    {
        _discord.Rest.ChannelRefusals[Channel] = (403, code);

        var first = await Send();
        _time.Advance(TimeSpan.FromDays(1));
        var nextDay = await Send();
        _time.Advance(TimeSpan.FromDays(1));
        var dayThree = await Send();
        _time.Advance(TimeSpan.FromDays(1));
        var pastGrace = await Send();

        Assert.Equal(SendStatus.TemporaryFailure, first.Status);
        Assert.Equal(SendStatus.TemporaryFailure, nextDay.Status);
        Assert.Equal(SendStatus.TemporaryFailure, dayThree.Status);
        Assert.Equal(SendStatus.PermanentFailure, pastGrace.Status);
    }

    [Fact]
    public async Task CannotSendToUser_InADirectMessage_IsPermanentAtOnce()
    {
        // A DM (no server): the person blocked the bot or closed their DMs; a reminder there must stop by itself.
        _discord.Rest.ChannelRefusals[Channel] = (403, 50007);

        var outcome = await _bot.Sender.SendAsync(new ChatAddress("discord", Channel), Routine, CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("50007", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixableRefusal_ThatStopped_StartsTheGracePeriodAfresh()
    {
        _discord.Rest.ChannelRefusals[Channel] = (403, 50013);
        await Send();
        _time.Advance(TimeSpan.FromDays(2));
        _discord.Rest.ChannelRefusals.TryRemove(Channel, out _);
        Assert.Equal(SendStatus.Sent, (await Send()).Status);

        _discord.Rest.ChannelRefusals[Channel] = (403, 50013);
        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(SendStatus.TemporaryFailure, (await Send()).Status);
    }

    [Fact]
    public async Task MissingEmbedLinksOnly_IsPostedAgainAsPlainText()
    {
        _discord.Rest.NoEmbedLinks[Channel] = 0;

        var outcome = await Send();

        Assert.Equal(SendStatus.Sent, outcome.Status);
        var posts = Posts();
        Assert.Equal([403, 200], posts.Select(p => p.Status));
        Assert.NotNull(posts[1].Body!["content"]);
        Assert.Null(posts[1].Body!["embeds"]);
        Assert.Contains("Calf raises", posts[1].Body!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("done", posts[1].Body!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [Fact]
    public async Task PostWhoseAnswerWasLost_IsRetriedWithTheSameNonce_AndPostedOnce()
    {
        _discord.Rest.Inject(Fault.AnswerLost((method, path) => method == "POST" && path.StartsWith("/channels/", StringComparison.Ordinal)));

        var sending = Send();
        await _bot.AdvanceUntilAsync(() => sending.IsCompleted, TimeSpan.FromMilliseconds(100), "the post");

        Assert.Equal(SendStatus.Sent, (await sending).Status);
        var posts = Posts();
        Assert.Equal([502, 200], posts.Select(p => p.Status));
        Assert.Equal(posts[0].Body!["nonce"]!.GetValue<string>(), posts[1].Body!["nonce"]!.GetValue<string>());
        Assert.True(posts[0].Body!["enforce_nonce"]!.GetValue<bool>());
        Assert.InRange(posts[0].Body!["nonce"]!.GetValue<string>().Length, 1, 25);
        Assert.Equal(1, _discord.Rest.Posts);
    }

    [Fact]
    public async Task CloudflareBan_PausesEveryRequestForLong_AndLogsAnError()
    {
        _discord.Rest.Inject(Fault.CloudflareBan((method, path) => method == "POST" && path.StartsWith("/channels/", StringComparison.Ordinal)));

        var banned = await Send();
        var next = Send();
        _time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        var during = Posts().Count;
        await _bot.AdvanceUntilAsync(() => next.IsCompleted, TimeSpan.FromMinutes(1), "the post after the pause", limit: TimeSpan.FromMinutes(5));

        Assert.Equal(SendStatus.TemporaryFailure, banned.Status);
        Assert.Equal(1, during);
        Assert.Equal(SendStatus.Sent, (await next).Status);
        Assert.Contains(_bot.Logs.AtLeast(LogLevel.Error), e => e.Message.Contains("Cloudflare", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MentionsInAChannelThatRefusedAReply_AreNotAnsweredForAWhile()
    {
        _discord.Rest.ForbiddenChannels[Channel] = 0;

        await Mention();
        await _bot.WaitForAsync(() => Posts().Count == 1 && _bot.Get<DiscordEventHandler>().InFlight == 0, "the refused reply");
        for (var i = 0; i < 5; i++)
        {
            await Mention();
        }

        await _bot.WaitForAsync(() => _bot.Logs.Entries.Count(e => e.Message.Contains("refused a reply a moment ago", StringComparison.Ordinal)) == 5, "the mentions to be passed over");
        Assert.Single(Posts());
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await Mention();
        await _bot.WaitForAsync(() => Posts().Count == 2, "a reply tried again after the memory ran out");
    }

    private Task<int> Mention() => _discord.Gateway.DispatchAsync(
        "MESSAGE_CREATE",
        DiscordEvents.Message($"<@{_discord.BotUserId}> my knee hurts", channelId: Channel, mentionIds: [_discord.BotUserId]));

    private Task<SendOutcome> Send() => _bot.Sender.SendAsync(_chat, Routine, CancellationToken.None);

    private List<RecordedRequest> Posts() => [.. _discord.Rest.Where("POST", $"^/channels/{Channel}/messages$").OrderBy(r => r.At)];
}

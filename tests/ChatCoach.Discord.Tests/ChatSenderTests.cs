using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Client;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

public sealed class ChatSenderTests : IAsyncLifetime
{
    private static readonly Reply Routine = new()
    {
        Title = "Today's routine",
        Blocks = [new BulletList(["Calf raises 3×12", "Glute bridge 3×10"], "Exercises")],
        Buttons = [new ReplyButton("Done ✅", "done")],
        Kind = ReplyKinds.Routine,
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;

    private static bool ChannelPosts(string method, string path) => method == "POST" && path.StartsWith("/channels/", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task FanOut_500Channels_StaysWithinAdvertisedLimits_AndPostsEachOnce()
    {
        // The global limit scaled down (50 per 250 ms) so the test is quick; the bot is told the same window.
        _discord.Rest.GlobalWindow = TimeSpan.FromMilliseconds(250);
        await using var bot = await BotHost.StartAsync(_discord, settings: s =>
        {
            s["Discord:GlobalRateWindow"] = "00:00:00.250";
        });
        var channels = Enumerable.Range(0, 500).Select(i => (2_000_000_000_000_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture)).ToList();

        var outcomes = await Run(bot, Task.WhenAll(channels.Select(c => bot.Sender.SendAsync(new ChatAddress("discord", c, DiscordEvents.GuildId), Routine, CancellationToken.None))));

        Assert.All(outcomes, o => Assert.Equal(SendStatus.Sent, o.Status));
        Assert.Equal(0, _discord.Rest.GlobalViolations);
        Assert.Equal(0, _discord.Rest.BucketViolations);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
        var posts = _discord.Rest.Where("POST", "^/channels/\\d+/messages$");
        Assert.Equal(500, posts.Count);

        // 500 posts at 50 per 250 ms of the shared clock need at least 9 more windows after the first.
        Assert.True(posts.Max(p => p.At) - posts.Min(p => p.At) >= TimeSpan.FromMilliseconds(9 * 250));
        Assert.Equal(channels.Order(StringComparer.Ordinal), posts.Select(p => p.Path.Split('/')[2]).Order(StringComparer.Ordinal));
        Assert.All(posts, p => Assert.Equal("[]", p.Body!["allowed_mentions"]!["parse"]!.ToJsonString()));
        Assert.All(posts, p => Assert.Equal("done", p.Body!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ScheduledPosts_GiveWayToAReplyToAPerson()
    {
        _discord.Rest.GlobalWindow = TimeSpan.FromMilliseconds(250);
        await using var bot = await BotHost.StartAsync(_discord, settings: s => s["Discord:GlobalRateWindow"] = "00:00:00.250");
        await _discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
        var fanOut = Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            bot.Sender.SendAsync(new ChatAddress("discord", (2_100_000_000_000_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture), DiscordEvents.GuildId), Routine, CancellationToken.None)));
        await _discord.Rest.WaitForAsync("POST", "^/channels/21\\d+/messages$", 20);

        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message($"<@{_discord.BotUserId}> quick question", channelId: "1200000000000000777", mentionIds: [_discord.BotUserId]));
        await bot.WaitForAsync(() => !bot.Get<FakeAskHandler>().Seen.IsEmpty, "the mention to be routed");

        // The clock moves only once the reply waits for its slot (or has one): moved earlier, it would let windows of
        // posts go out while a busy machine is still routing the mention.
        await bot.WaitForAsync(() => bot.Get<RestRateLimiter>().RepliesWaiting > 0 || Replies() == 1, "the reply to queue for a slot");
        await Run(bot, fanOut);
        await bot.AdvanceUntilAsync(() => Replies() == 1, TimeSpan.FromMilliseconds(50), "the reply");

        var posts = _discord.Rest.Where("POST", "^/channels/\\d+/messages$").OrderBy(p => p.At).ToList();
        var replyIndex = posts.FindIndex(p => p.Path.Contains("1200000000000000777", StringComparison.Ordinal));
        Assert.InRange(replyIndex, 0, 60);
        Assert.Equal(201, posts.Count);
        Assert.Equal(0, _discord.Rest.GlobalViolations);

        int Replies() => _discord.Rest.Where("POST", "^/channels/1200000000000000777/messages$").Count;
    }

    [Fact]
    public async Task ManyPostsToOneChannel_WaitForTheBucket_NeverHit429()
    {
        _discord.Rest.ChannelLimit = 5;
        _discord.Rest.ChannelWindow = TimeSpan.FromMilliseconds(200);
        await using var bot = await BotHost.StartAsync(_discord);
        var chat = new ChatAddress("discord", "1200000000000000005", DiscordEvents.GuildId);

        var outcomes = await Run(bot, Task.WhenAll(Enumerable.Range(0, 12).Select(_ => bot.Sender.SendAsync(chat, Routine, CancellationToken.None))));

        Assert.All(outcomes, o => Assert.Equal(SendStatus.Sent, o.Status));
        Assert.Equal(0, _discord.Rest.BucketViolations);
        var posts = _discord.Rest.Where("POST", "^/channels/\\d+/messages$");
        Assert.Equal(12, posts.Count);
        Assert.True(posts[^1].At - posts[0].At >= TimeSpan.FromMilliseconds(400), "12 posts at 5 per 200 ms need at least two resets");
    }

    [Fact]
    public async Task RateLimitStorm_AllPostsSucceed_AndRetryAfterIsHonoured()
    {
        await using var bot = await BotHost.StartAsync(_discord);
        const double retryAfter = 0.08;
        _discord.Rest.Inject(Fault.RateLimited(retryAfter, global: true, matches: ChannelPosts), times: 5);
        _discord.Rest.Inject(Fault.RateLimited(retryAfter, global: false, matches: (_, path) => path.Contains("1200000000000000011", StringComparison.Ordinal)), times: 3);
        var channels = Enumerable.Range(10, 30).Select(i => $"12000000000000000{i}").ToList();

        var outcomes = await Run(bot, Task.WhenAll(channels.Select(c => bot.Sender.SendAsync(new ChatAddress("discord", c, DiscordEvents.GuildId), Routine, CancellationToken.None))));

        Assert.All(outcomes, o => Assert.Equal(SendStatus.Sent, o.Status));
        Assert.Equal(8, _discord.Rest.InjectedFaults);
        foreach (var perChannel in _discord.Rest.Where("POST", "^/channels/\\d+/messages$").GroupBy(r => r.Path))
        {
            var attempts = perChannel.OrderBy(r => r.At).ToList();
            Assert.Equal(200, attempts[^1].Status);
            Assert.Single(attempts, a => a.Status == 200);
            for (var i = 1; i < attempts.Count; i++)
            {
                Assert.Equal(429, attempts[i - 1].Status);
                Assert.True(attempts[i].At - attempts[i - 1].At >= TimeSpan.FromSeconds(retryAfter - 0.005), $"retried after {(attempts[i].At - attempts[i - 1].At).TotalMilliseconds} ms");
            }
        }
    }

    [Fact]
    public async Task ServerErrors_AreRetried_ThenGiveUpAsTemporary()
    {
        await using var bot = await BotHost.StartAsync(_discord);
        var chat = new ChatAddress("discord", "1200000000000000021", DiscordEvents.GuildId);
        _discord.Rest.Inject(Fault.ServerError(ChannelPosts), times: 2);

        var recovered = await Run(bot, bot.Sender.SendAsync(chat, Routine, CancellationToken.None));
        _discord.Rest.Inject(Fault.ServerError(ChannelPosts), times: 10);
        var failed = await Run(bot, bot.Sender.SendAsync(chat, Routine, CancellationToken.None));

        Assert.Equal(SendStatus.Sent, recovered.Status);
        Assert.Equal(SendStatus.TemporaryFailure, failed.Status);
        Assert.Equal(3 + 4, _discord.Rest.Where("POST", "^/channels/\\d+/messages$").Count); // 3 to recover, 1 + 3 retries to give up
    }

    /// <summary>Moves the shared clock in small steps until the task is done, so rate-limit and retry waits pass.</summary>
    private static async Task<T> Run<T>(BotHost bot, Task<T> task)
    {
        await bot.AdvanceUntilAsync(() => task.IsCompleted, TimeSpan.FromMilliseconds(20), "the sends");
        return await task;
    }

    [Theory]
    [InlineData("forbidden")]
    [InlineData("unknown")]
    public async Task ChannelGoneOrForbidden_IsPermanent_AndLogged(string kind)
    {
        var channel = "1200000000000000031";
        (kind == "forbidden" ? _discord.Rest.ForbiddenChannels : _discord.Rest.UnknownChannels)[channel] = 0;
        await using var bot = await BotHost.StartAsync(_discord);

        var outcome = await bot.Sender.SendAsync(new ChatAddress("discord", channel, DiscordEvents.GuildId), Routine, CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains(kind == "forbidden" ? "50001" : "10003", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Entries, e => e.Message.Contains(channel, StringComparison.Ordinal) && e.Message.Contains("disabled", StringComparison.Ordinal));
        Assert.Single(_discord.Rest.Where("POST", "^/channels/\\d+/messages$"));
    }

    [Theory]
    [InlineData(0, 1, "81384788765712384", true)]
    [InlineData(0, 2, "81384788765712384", true)] // (id >> 22) % 2 == 0
    [InlineData(1, 2, "81384788765712384", false)]
    [InlineData(1, 2, "175928847303180411", true)] // (id >> 22) % 2 == 1
    [InlineData(0, 3, null, true)] // DMs belong to shard 0
    [InlineData(1, 3, null, false)]
    public async Task PostsTo_OnlyThisShardsGuilds(int shardId, int shardCount, string? guildId, bool expected)
    {
        await using var bot = await BotHost.StartAsync(_discord, settings: s =>
        {
            s["Discord:ShardId"] = shardId.ToString(CultureInfo.InvariantCulture);
            s["Discord:ShardCount"] = shardCount.ToString(CultureInfo.InvariantCulture);
        });

        Assert.Equal(expected, bot.Sender.PostsTo(new ChatAddress("discord", "1200000000000000001", guildId)));
        Assert.False(bot.Sender.PostsTo(new ChatAddress("telegram", "1200000000000000001", guildId)));
    }

    [Fact]
    public async Task RejectedToken_StopsAdapterWithOneLogLine_AndNothingUsesTheTokenAgain()
    {
        await using var bot = await BotHost.StartAsync(_discord, settings: s => s["Discord:Token"] = "not-the-right-token");

        await bot.Get<DiscordAdapterService>().Stopped.WaitAsync(TimeSpan.FromSeconds(15));
        var outcome = await bot.Sender.SendAsync(new ChatAddress("discord", "1200000000000000001", DiscordEvents.GuildId), Routine, CancellationToken.None);

        var line = Assert.Single(bot.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Contains("401", line.Message, StringComparison.Ordinal);
        Assert.Null(line.Exception);
        Assert.Single(_discord.Rest.Requests);
        Assert.Equal(SendStatus.TemporaryFailure, outcome.Status);
        Assert.Equal(0, _discord.Gateway.Connections);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Message.Contains("not-the-right-token", StringComparison.Ordinal));
    }
}

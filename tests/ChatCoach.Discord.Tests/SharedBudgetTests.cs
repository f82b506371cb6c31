using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.Contract.Tests;
using ChatCoach.Storage.Postgres;
using ChatCoach.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit.Abstractions;

namespace ChatCoach.Discord.Tests;

/// <summary>
/// Discord's global limit (50 requests per second) is per bot token, and every shard process posts its own guilds'
/// daily posts and answers its own guilds' messages. Two shard processes on one PostgreSQL database against one
/// Discord double: with each process on its share (<c>Discord:GlobalRateShare</c>, by default 1 / ShardCount) they
/// fan out together at the limit, every post once, and the double never answers 429.
/// </summary>
public sealed class SharedBudgetTests : IAsyncLifetime
{
    // (id >> 22) % 2: 81384788765712384 is on shard 0, 175928847303180411 on shard 1.
    private const string ShardZeroGuild = "81384788765712384";
    private const string ShardOneGuild = "175928847303180411";
    private const int PostsPerShard = 200;
    private const int RepliesPerShard = 30;
    private const string ChannelMessages = "^/channels/\\d+/messages$";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly List<BotHost> _shards = [];
    private DiscordDouble _discord = null!;
    private readonly ITestOutputHelper _output;
    private string? _schema;

    public SharedBudgetTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;
        _discord.Rest.MaxConcurrency = 2;
        _discord.Rest.RecommendedShards = 2;
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        (_schema, var connectionString) = await PostgresServer.CreateSchemaAsync();
        for (var shard = 0; shard < 2; shard++)
        {
            var id = shard.ToString(CultureInfo.InvariantCulture);
            _shards.Add(await BotHost.StartAsync(
                _discord,
                configure: b =>
                {
                    b.AddPostgresStorage();
                    b.AddRoutines();
                    b.Services.AddCommandHandler<FakeAskHandler>();
                },
                settings: s =>
                {
                    s["Storage:ConnectionString"] = connectionString;
                    s["Scheduler:PollInterval"] = "00:00:01";
                    s["Discord:ShardCount"] = "2";
                    s["Discord:ShardId"] = id;
                },
                withFakeHandlers: false));
        }

        await BotHost.WaitAsync(() => _discord.Gateway.IsLive(0) && _discord.Gateway.IsLive(1), "both shards' sessions");
        foreach (var bot in _shards)
        {
            await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _shards)
        {
            await bot.DisposeAsync();
        }

        await _discord.DisposeAsync();
        if (_schema is not null)
        {
            await PostgresServer.DropSchemaAsync(_schema);
        }
    }

    [PostgresFact]
    public async Task FanOut_TwoShardsPostAndReply_TogetherAtTheGlobalLimitWithout429AndEveryPostOnce()
    {
        var store = _shards[0].Get<ISubscriptionStore>();
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var subscribed = new List<ChatAddress>();
        foreach (var (guild, first) in new[] { (ShardZeroGuild, 2_200_000_000_000_000_000UL), (ShardOneGuild, 2_300_000_000_000_000_000UL) })
        {
            for (var i = 0; i < PostsPerShard; i++)
            {
                var chat = new ChatAddress("discord", (first + (ulong)i).ToString(CultureInfo.InvariantCulture), guild);
                subscribed.Add(chat);
                await store.SaveAsync(Due(chat, now), CancellationToken.None);
            }
        }

        // Questions to both shards while they fan out, each in its own channel (a channel's own bucket is 5 per 5 s).
        var questions = new List<string>();
        foreach (var (guild, first) in new[] { (ShardZeroGuild, 2_500_000_000_000_000_000UL), (ShardOneGuild, 2_600_000_000_000_000_000UL) })
        {
            for (var i = 0; i < RepliesPerShard; i++)
            {
                var message = DiscordEvents.Message($"<@{_discord.BotUserId}> how far should I run {i}?", guildId: guild, channelId: (first + (ulong)i).ToString(CultureInfo.InvariantCulture), mentionIds: [_discord.BotUserId]);
                questions.Add(message["id"]!.GetValue<string>());
                await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", message);
            }
        }

        var expected = subscribed.Count + questions.Count;
        var startedAt = _time.GetUtcNow();
        await DriveClockAsync(() => Sent().Count(r => r.Status == 200) >= expected, $"{expected} posts and replies");

        // A few more scheduler passes on both shards: nothing is posted a second time.
        for (var pass = 0; pass < 3; pass++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        var sent = Sent();
        Assert.DoesNotContain(sent, r => r.Status == 429);
        Assert.Equal(0, _discord.Rest.GlobalViolations);
        Assert.DoesNotContain(_discord.Rest.Requests, r => r.Status == 429);
        var posts = sent.Where(r => r.Body?["message_reference"] is null).Select(r => r.Path.Split('/')[2]).ToList();
        Assert.Equal(subscribed.Select(c => c.ChatId).Order(StringComparer.Ordinal), posts.Order(StringComparer.Ordinal));
        var replies = sent.Where(r => r.Body?["message_reference"] is not null).Select(r => r.Body!["message_reference"]!["message_id"]!.GetValue<string>()).ToList();
        Assert.Equal(questions.Order(StringComparer.Ordinal), replies.Order(StringComparer.Ordinal));

        // Throughput on the double's clock over [first, last): the requests sent before the last one's moment, per
        // second between the two (at exactly L per window that is L whatever the count). Together the two shards must
        // reach 95 % of the limit, and never exceed it in any window.
        var times = sent.Select(r => r.At).Order().ToList();
        var perSecond = RateWindows.PerSecond(times);
        _output.WriteLine($"{times.Count} requests in {times[^1] - times[0]} of the double's clock: {perSecond:F2}/s = {perSecond / _discord.Rest.GlobalLimit:F3} of the limit");
        Assert.True(perSecond >= 0.95 * _discord.Rest.GlobalLimit, $"{times.Count} requests from {times[0] - startedAt} to {times[^1] - startedAt}: {perSecond:F1}/s, under 95 % of {_discord.Rest.GlobalLimit}/s");
        Assert.True(RateWindows.MaxInWindow(_discord.Rest.Requests.Where(r => !r.Path.StartsWith("/interactions/", StringComparison.Ordinal)).Select(r => r.At).ToList(), TimeSpan.FromSeconds(1)) <= _discord.Rest.GlobalLimit);
    }

    private List<RecordedRequest> Sent() => _discord.Rest.Where("POST", ChannelMessages).ToList();

    /// <summary>
    /// Moves the fake clock 10 ms at a time, and only once the double has seen no request for a moment of real time:
    /// both shards are then waiting for their limiter's clock, so the throughput measured on the double's clock is
    /// what the limiters allow, not how fast a busy machine runs the test. The wall clock is only a safety net.
    /// </summary>
    private async Task DriveClockAsync(Func<bool> condition, string what)
    {
        var giveUp = Environment.TickCount64 + 300_000;
        var seen = _discord.Rest.Requests.Count;
        var quietSince = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 > giveUp)
            {
                throw new TimeoutException($"Gave up waiting for {what}: {Sent().Count} sent; last logs: {string.Join(" | ", _shards.SelectMany(s => s.Logs.Entries.TakeLast(3)).Select(e => e.Message))}");
            }

            await Task.Delay(2);
            var count = _discord.Rest.Requests.Count;
            if (count != seen)
            {
                seen = count;
                quietSince = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - quietSince >= 30)
            {
                _time.Advance(TimeSpan.FromMilliseconds(10));
                quietSince = Environment.TickCount64;
            }
        }
    }

    private static Subscription Due(ChatAddress chat, Instant now) => new()
    {
        Chat = chat,
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey("discord", "1400000000000000001"),
        ChangedAt = now - Duration.FromHours(1),
        NextLocalDate = now.InUtc().Date,
        NextDue = now - Duration.FromSeconds(1),
    };
}

using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Core.Routines;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.Contract.Tests;
using ChatCoach.Storage.Postgres;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ChatCoach.Discord.Tests;

/// <summary>A test that needs the PostgreSQL test server; skipped with how to start one when there is none and none is required.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}

/// <summary>
/// Two shard processes (two adapter hosts, <c>Discord:ShardId</c> 0 and 1 of 2) against one Discord double and one
/// PostgreSQL database, as an operator runs a sharded bot: each shard receives only its guilds' events and posts only
/// its guilds' subscriptions (DMs belong to shard 0), and together they post every subscription exactly once.
/// </summary>
public sealed class ShardTests : IAsyncLifetime
{
    // (id >> 22) % 2: 81384788765712384 is on shard 0, 175928847303180411 on shard 1.
    private const string ShardZeroGuild = "81384788765712384";
    private const string ShardOneGuild = "175928847303180411";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly List<BotHost> _shards = [];
    private readonly List<MetricRecorder> _metrics = [];
    private DiscordDouble _discord = null!;
    private string? _schema;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _discord.Gateway.HeartbeatIntervalMs = 41_250;

        // Both shards in one identify bucket, so neither waits 5 s of fake time for its turn.
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
            var bot = await BotHost.StartAsync(
                _discord,
                configure: b =>
                {
                    b.AddPostgresStorage();
                    b.AddRoutines();
                },
                settings: s =>
                {
                    s["Storage:ConnectionString"] = connectionString;
                    s["Scheduler:PollInterval"] = "00:00:01";
                    s["Discord:ShardCount"] = "2";
                    s["Discord:ShardId"] = id;
                },
                withFakeHandlers: false);
            _shards.Add(bot);
            _metrics.Add(new MetricRecorder(bot.Get<ChatCoachMetrics>().Meter));
        }

        await BotHost.WaitAsync(() => _discord.Gateway.IsLive(0) && _discord.Gateway.IsLive(1), "both shards' sessions");
        foreach (var bot in _shards)
        {
            await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var recorder in _metrics)
        {
            recorder.Dispose();
        }

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
    public void Identify_EachShardSendsItsIdAndCount_AndReadyListsOnlyItsGuilds()
    {
        var identifies = _discord.Gateway.Received.Where(f => f.Op == 2).Select(f => f.Data!["shard"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray()).ToList();

        Assert.Equal(2, identifies.Count);
        Assert.Contains(identifies, s => s.SequenceEqual([0, 2]));
        Assert.Contains(identifies, s => s.SequenceEqual([1, 2]));
        Assert.NotEqual(_discord.Gateway.SessionIdOf(0), _discord.Gateway.SessionIdOf(1));
        Assert.All(_shards, bot => Assert.True(bot.Get<IAdapterReadiness>().IsReady));
        Assert.Equal("shard 1/2 connected", _shards[1].Get<IAdapterReadiness>().Status);
    }

    [PostgresFact]
    public async Task DailyPosts_TwoShardsOneDatabase_EverySubscriptionPostedOnceByTheShardOwningItsGuild()
    {
        var store = _shards[0].Get<ISubscriptionStore>();
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var shardZero = Enumerable.Range(0, 12).Select(i => new ChatAddress("discord", (2_200_000_000_000_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture), ShardZeroGuild)).ToList();
        var shardOne = Enumerable.Range(0, 12).Select(i => new ChatAddress("discord", (2_300_000_000_000_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture), ShardOneGuild)).ToList();
        var direct = new ChatAddress("discord", "2400000000000000001", null);
        var all = shardZero.Concat(shardOne).Append(direct).ToList();
        foreach (var chat in all)
        {
            await store.SaveAsync(Due(chat, now), CancellationToken.None);
        }

        await _shards[0].AdvanceUntilAsync(
            () => _discord.Rest.Where("POST", "^/channels/\\d+/messages$").Count(p => p.Status == 200) >= all.Count,
            TimeSpan.FromMilliseconds(250),
            $"{all.Count} daily posts");

        // A few more scheduler passes on both shards: nothing is posted a second time.
        for (var pass = 0; pass < 5; pass++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        var posted = _discord.Rest.Where("POST", "^/channels/\\d+/messages$").Select(p => p.Path.Split('/')[2]).ToList();
        Assert.Equal(all.Select(c => c.ChatId).Order(StringComparer.Ordinal), posted.Order(StringComparer.Ordinal));

        // Each shard posted only its own guilds' channels (and shard 0 the DM): 12 + 1 and 12.
        Assert.Equal(shardZero.Count + 1, _metrics[0].Count("chatcoach.fanout.lag", ("platform", "discord")));
        Assert.Equal(shardOne.Count, _metrics[1].Count("chatcoach.fanout.lag", ("platform", "discord")));
        foreach (var chat in all)
        {
            var saved = await store.FindAsync(chat, CancellationToken.None);
            Assert.True(saved!.NextDue > now, $"{chat.ChatId} moved on to its next day");
        }

        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    [PostgresFact]
    public async Task Interactions_EachGuildsCommandGoesToItsShard_AndIsAnsweredOnceByIt()
    {
        var inZero = DiscordEvents.SlashCommand(_discord.ApplicationId, "routine", [], guildId: ShardZeroGuild);
        var inOne = DiscordEvents.SlashCommand(_discord.ApplicationId, "routine", [], guildId: ShardOneGuild);
        var inDm = DiscordEvents.SlashCommand(_discord.ApplicationId, "routine", [], guildId: null);

        var answers = new[] { await _discord.AnswerToAsync(inOne), await _discord.AnswerToAsync(inZero), await _discord.AnswerToAsync(inDm) };

        Assert.All(answers, a => Assert.Equal(204, a.Status));
        Assert.Equal([1, 0, 0], _discord.Gateway.Dispatched.Where(d => d.Type == "INTERACTION_CREATE").Select(d => d.Shard ?? -1));
        await BotHost.WaitAsync(
            () => _metrics[0].Sum("chatcoach.messages.answered", ("platform", "discord")) == 2 && _metrics[1].Sum("chatcoach.messages.answered", ("platform", "discord")) == 1,
            "shard 0 to count two answers and shard 1 one");
        Assert.Equal(3, _discord.Rest.Where("POST", "/callback$").Count);
    }

    [PostgresFact]
    public async Task Drop_OneShardReconnects_TheOtherStaysReady()
    {
        await _discord.Gateway.DropAsync(shard: 1);

        await BotHost.WaitAsync(() => !_shards[1].Get<IAdapterReadiness>().IsReady, "shard 1 to notice the drop");
        Assert.StartsWith("shard 1/2 reconnecting", _shards[1].Get<IAdapterReadiness>().Status, StringComparison.Ordinal);
        Assert.True(_shards[0].Get<IAdapterReadiness>().IsReady);

        await _shards[1].AdvanceUntilAsync(() => _shards[1].Get<IAdapterReadiness>().IsReady, TimeSpan.FromMilliseconds(250), "shard 1 resumed");
        Assert.Equal(1, _discord.Gateway.Resumes);
        await _shards[1].WaitForAsync(() => _metrics[1].Sum("chatcoach.gateway.reconnects", ("platform", "discord")) == 1, "one reconnect counted on shard 1");
        Assert.Equal(0, _metrics[0].Sum("chatcoach.gateway.reconnects", ("platform", "discord")));
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

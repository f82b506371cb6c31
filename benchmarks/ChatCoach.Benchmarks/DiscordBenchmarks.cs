using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord;
using ChatCoach.Discord.ApiDouble;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using IHost = Microsoft.Extensions.Hosting.IHost;

namespace ChatCoach.Benchmarks;

/// <summary>(a) 10,000 <c>/ask</c> interactions through the gateway: time until every callback has reached the double.</summary>
[Config(typeof(ScenarioConfig))]
[MemoryDiagnoser]
public class DiscordInteractionBenchmarks
{
    private const int Interactions = 10_000;
    private DiscordDouble _discord = null!;
    private IHost _bot = null!;
    private string[] _frames = [];
    private int _target;
    private long _nextInteraction;

    /// <summary>False: a handler that answers at once (the adapter's own cost). True: the real advice engine.</summary>
    [Params(false, true)]
    public bool RealAdvice { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_discord, _bot) = DiscordBenchmarkHost.StartAsync(RealAdvice).GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void Prepare()
    {
        _target = _discord.Rest.Callbacks + Interactions;

        // Fresh interaction ids each iteration: the double refuses a second answer to the same interaction (40060).
        _frames = [.. Enumerable.Range(0, Interactions).Select(i => Interaction(_nextInteraction++, i, _discord.ApplicationId).ToJsonString())];
    }

    [Benchmark(Description = "10,000 /ask interactions → callbacks")]
    public async Task AskInteractions()
    {
        foreach (var frame in _frames)
        {
            await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", JsonNode.Parse(frame)!);
        }

        await DiscordDouble.WaitUntilAsync(() => _discord.Rest.Callbacks >= _target, TimeSpan.FromMinutes(2), $"{Interactions} callbacks");
    }

    [GlobalCleanup]
    public void Cleanup() => DiscordBenchmarkHost.StopAsync(_discord, _bot).GetAwaiter().GetResult();

    private static JsonObject Interaction(long n, int i, string applicationId) => new()
    {
        ["id"] = (1_300_000_000_000_000_000L + n).ToString(CultureInfo.InvariantCulture),
        ["application_id"] = applicationId,
        ["type"] = 2,
        ["token"] = "aW50ZXJhY3Rpb246" + n.ToString(CultureInfo.InvariantCulture),
        ["version"] = 1,
        ["guild_id"] = "1100000000000000001",
        ["channel_id"] = "1200000000000000001",
        ["member"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = (1_400_000_000_000_000_000L + (i % 500)).ToString(CultureInfo.InvariantCulture), ["username"] = "runner", ["global_name"] = "Runner" },
            ["permissions"] = "2147552256",
            ["roles"] = new JsonArray(),
        },
        ["data"] = new JsonObject
        {
            ["id"] = "1500000000000000001",
            ["name"] = "ask",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = "my knee hurts going down stairs after a run" }),
        },
        ["locale"] = "en-GB",
        ["app_permissions"] = "2248473465835073",
    };
}

/// <summary>
/// (b) The daily fan-out to 2,000 channels through <see cref="IChatSender"/> with the double enforcing
/// 50 requests/s globally: how close to the limit the sender gets, and how many 429s it causes (target 0).
/// </summary>
[Config(typeof(SingleShotConfig))]
public class DiscordFanOutBenchmarks
{
    private const int Channels = 2_000;
    private DiscordDouble _discord = null!;
    private IHost _bot = null!;
    private IChatSender _sender = null!;
    private readonly Stopwatch _clock = new();
    private int _postsBefore;
    private int _rateLimitedBefore;

    [GlobalSetup]
    public void Setup()
    {
        (_discord, _bot) = DiscordBenchmarkHost.StartAsync().GetAwaiter().GetResult();
        _sender = _bot.Services.GetServices<IChatSender>().Single(s => s.Platform == "discord");
    }

    [IterationSetup]
    public void Prepare()
    {
        // Let the previous iteration's requests leave the double's one-second window.
        Thread.Sleep(1100);
        _postsBefore = _discord.Rest.Posts;
        _rateLimitedBefore = _discord.Rest.GlobalViolations + _discord.Rest.BucketViolations;
    }

    [Benchmark(Description = "fan-out to 2,000 channels at 50 req/s")]
    public async Task FanOut()
    {
        var reply = new Reply
        {
            Title = "Today's routine",
            Blocks = [new BulletList(["Calf raises 3×12", "Glute bridge 3×10", "Side plank 3×20 s"], "Exercises")],
            Buttons = [new ReplyButton("Done ✅", "done")],
            Kind = ReplyKinds.Routine,
        };
        _clock.Restart();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Channels).Select(i =>
            _sender.SendAsync(new ChatAddress("discord", (2_000_000_000_000_000_000UL + (ulong)i).ToString(CultureInfo.InvariantCulture), "1100000000000000001"), reply, CancellationToken.None)));
        _clock.Stop();
        var sent = outcomes.Count(o => o.Status == SendStatus.Sent);
        var posts = _discord.Rest.Posts - _postsBefore;
        var rateLimited = _discord.Rest.GlobalViolations + _discord.Rest.BucketViolations - _rateLimitedBefore;
        var rate = posts / _clock.Elapsed.TotalSeconds;

        // Any limiter may send the first 50 at once; after that the pace is what the limit allows.
        var steady = (posts - 50) / _clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"// DISCORD-FANOUT: {sent}/{Channels} sent in {_clock.Elapsed.TotalSeconds:0.00} s = {rate:0.00} req/s overall, "
            + $"{steady:0.00} req/s after the first window = {steady / 50:0.000} of the 50/s limit; 429s received: {rateLimited}");
    }

    [GlobalCleanup]
    public void Cleanup() => DiscordBenchmarkHost.StopAsync(_discord, _bot).GetAwaiter().GetResult();
}

internal static class DiscordBenchmarkHost
{
    public static async Task<(DiscordDouble, IHost)> StartAsync(bool realAdvice = false)
    {
        var discord = await DiscordDouble.StartAsync();

        // Not recording every request keeps the double's bookkeeping out of the figures. A 10,000-interaction
        // burst is queued faster than it is answered, so Discord's 3 s answer deadline is lifted for the benchmark;
        // the heartbeat is Discord's own interval rather than the tests' quick one.
        discord.Rest.RecordRequests = false;
        discord.Rest.InteractionDeadline = TimeSpan.FromMinutes(5);
        discord.Gateway.HeartbeatIntervalMs = 41_250;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = discord.Token,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddConversation();
        if (realAdvice)
        {
            builder.AddAdviceEngine();
        }
        else
        {
            builder.Services.AddCommandHandler<BenchmarkAskHandler>();
        }

        builder.AddDiscordAdapter();
        var host = builder.Build();
        await host.StartAsync();
        await discord.Gateway.WaitForSessionsAsync(1, TimeSpan.FromSeconds(30));

        return (discord, host);
    }

    public static async Task StopAsync(DiscordDouble discord, IHost host)
    {
        await host.StopAsync();
        host.Dispose();
        await discord.DisposeAsync();
    }

    /// <summary>Answers at once, so the figure is the adapter's cost (gateway, routing, rendering, REST), not the advice engine's.</summary>
    private sealed class BenchmarkAskHandler : ICommandHandler
    {
        public string Name => "ask";

        public string Usage => "ask <question>";

        public string Description => "Ask about knee pain";

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(new Reply
        {
            Title = "About your knee",
            Blocks = [new Paragraph("Going down stairs loads the front of the knee most."), new BulletList(["Shorten your stride", "Slow the descent"], "What to try"), new Paragraph(MedicalNotice.Text)],
            Kind = ReplyKinds.Advice,
        });
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram;
using ChatCoach.Telegram.BotApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using IHost = Microsoft.Extensions.Hosting.IHost;

namespace ChatCoach.Benchmarks;

/// <summary>
/// (a) 10,000 <c>/ask</c> updates through getUpdates, answered by the real advice engine: time until all 10,000
/// replies have reached the double. The send rates are raised for this run (10,000 messages/second overall,
/// 1 ms per chat) so that it measures the adapter, not Telegram's limits.
/// </summary>
[Config(typeof(ScenarioConfig))]
[MemoryDiagnoser]
#pragma warning disable CA1001 // [GlobalCleanup] disposes the double and the host; BenchmarkDotNet owns the lifetime.
public class TelegramInboundBenchmarks
#pragma warning restore CA1001
{
    private const int UpdateCount = 10_000;
    private const int Chats = 1_000;
    private static readonly string[] Questions =
    [
        "my knee hurts going down stairs after a run",
        "pain on the outside of my knee on long runs",
        "should I ice my knee after running",
        "knee swollen and clicking",
        "how do I strengthen my hips for running",
    ];

    private BotApiDouble _api = null!;
    private IHost _bot = null!;
    private string _directory = "";
    private List<JsonObject> _batch = [];
    private int _target;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("chatcoach-tg-bench-").FullName;
        // Not recording every call keeps the double's bookkeeping out of the figure.
        _api = new BotApiDouble { RecordCalls = false };
        _api.StartAsync().GetAwaiter().GetResult();
        _bot = TelegramBenchmarkHost.Start(_api, _directory, new()
        {
            ["Telegram:MessagesPerSecond"] = "10000",
            ["Telegram:PerChatInterval"] = "00:00:00.001",
            ["Telegram:RateSafetyMargin"] = "00:00:00",
            ["Telegram:MaxConcurrentSends"] = "64",
        });
    }

    [IterationSetup]
    public void Prepare()
    {
        _target = _api.SentCount + UpdateCount;
        _batch = [.. Enumerable.Range(0, UpdateCount).Select(i => Ask(1_000_000 + (i % Chats), Questions[i % Questions.Length]))];
    }

    [Benchmark(Description = "10,000 /ask updates → 10,000 replies")]
    public async Task AskUpdates()
    {
        var replied = _api.WhenSent(_target);
        foreach (var update in _batch)
        {
            _api.Enqueue(update);
        }

        await replied.WaitAsync(TimeSpan.FromMinutes(5));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bot.StopAsync().GetAwaiter().GetResult();
        _bot.Dispose();
        _api.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    private static JsonObject Ask(long user, string question) => Updates.PrivateMessage(user, "/ask " + question, "Runner");
}

/// <summary>
/// (b) 5,000 due posts through <see cref="IChatSender"/> with the bot's default rates, against a double that
/// enforces 30 messages/second and answers 429 beyond it. Prints the achieved rate as a fraction of the limit
/// (target ≥ 0.95) and the number of 429 answers (target 0).
/// </summary>
[Config(typeof(SingleShotConfig))]
#pragma warning disable CA1001 // [GlobalCleanup] disposes the double and the host; BenchmarkDotNet owns the lifetime.
public class TelegramFanOutBenchmarks
#pragma warning restore CA1001
{
    private const int Posts = 5_000;
    private const int Limit = 30;
    private static readonly Reply Post = new()
    {
        Title = "Today's routine",
        Blocks = [new BulletList(["Glute bridge 3×12", "Clamshells 2×15", "Calf raises 3×15"]), new Paragraph("Press Done when you finish.")],
        Buttons = [new ReplyButton("Done ✅", "done")],
        Kind = ReplyKinds.Routine,
    };

    private BotApiDouble _api = null!;
    private IHost _bot = null!;
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("chatcoach-tg-bench-").FullName;
        // The double's clock is the real one here (no TimeProvider given), so the limit holds in real seconds.
        _api = new BotApiDouble { EnforcedMessagesPerSecond = Limit };
        _api.StartAsync().GetAwaiter().GetResult();
        _bot = TelegramBenchmarkHost.Start(_api, _directory, []);
    }

    [Benchmark(Description = "5,000 scheduled posts at 30 msg/s")]
    public async Task FanOut()
    {
        var sender = _bot.Services.GetRequiredService<IChatSender>();
        var callsBefore = _api.Calls.Count;
        var watch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Posts).Select(i =>
            sender.SendAsync(new ChatAddress("telegram", (2_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), Post, CancellationToken.None)));
        watch.Stop();
        var sends = _api.Calls.Skip(callsBefore).Where(c => c.Method == "sendMessage").ToList();
        var sent = sends.Where(c => c.Ok).ToList();
        var tooMany = sends.Count(c => c.Status == 429);
        var twice = sent.GroupBy(c => c.ChatId).Count(g => g.Count() > 1);
        var rate = sent.Count / watch.Elapsed.TotalSeconds;
        var report = $"Telegram fan-out: {sent.Count} posts in {watch.Elapsed.TotalSeconds:F1} s = {rate:F2} msg/s = {rate / Limit:F3} of the {Limit} msg/s limit; 429 answers: {tooMany}; not sent: {outcomes.Count(o => o.Status != SendStatus.Sent)}; chats messaged twice: {twice}";
        Console.WriteLine(report);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "chatcoach-telegram-fanout.txt"), report + Environment.NewLine);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bot.StopAsync().GetAwaiter().GetResult();
        _bot.Dispose();
        _api.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }
}

internal static class TelegramBenchmarkHost
{
    public static IHost Start(BotApiDouble api, string directory, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        settings["Telegram:Token"] = BotApiDouble.Token;
        settings["Telegram:ApiBaseUrl"] = api.BaseUrl;
        settings["Storage:Path"] = Path.Combine(directory, "chatcoach.db");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddStorage();
        builder.AddConversation();
        builder.AddAdviceEngine();
        builder.AddTelegramAdapter();
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return host;
    }
}

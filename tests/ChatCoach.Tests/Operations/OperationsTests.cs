using System.Net;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Core.Storage;
using ChatCoach.Operations;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Testing;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Tests.Operations;

/// <summary>The operator's listener and the core's metrics over the real composition and a LiteDB temp file.</summary>
public sealed class OperationsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-ops-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chatcoach.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Readyz_WhenTheDatabaseCloses_Is503WhileHealthzStays200()
    {
        using var host = Build(new Dictionary<string, string?> { ["Health:Url"] = "http://127.0.0.1:0" }, b => b.AddOperations());
        await host.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var address = host.Services.GetRequiredService<OperationsEndpoint>().Address!;

        using (var ready = await http.GetAsync(new Uri(address, "/readyz")))
        {
            // No adapter is configured here: the database alone decides.
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("database: Healthy", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        host.Services.GetRequiredService<ChatCoachDatabase>().Dispose();

        using (var down = await http.GetAsync(new Uri(address, "/readyz")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("database: Unhealthy (database unreachable: ObjectDisposedException)", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var alive = await http.GetAsync(new Uri(address, "/healthz")))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        await host.StopAsync();
    }

    [Fact]
    public void AddChatCoach_ConsoleChatWithHealthUrl_StartsNoListener()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = DatabasePath,
            ["Health:Url"] = "http://127.0.0.1:0",
        });
        builder.AddChatCoach(consoleChat: true);

        using var host = builder.Build();

        Assert.Null(host.Services.GetService<OperationsEndpoint>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is OperationsEndpoint);
    }

    [Fact]
    public void HealthOptions_UrlWithPath_IsAClearConfigurationError()
    {
        using var host = Build(new Dictionary<string, string?> { ["Health:Url"] = "http://127.0.0.1:8080/health" }, b => b.AddOperations());

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthOptions>>().Value);

        Assert.Contains("Health:Url must be an http:// address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_QuestionsAndCommands_CountedPerPlatformAndByTheAdviceKindGiven()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = DatabasePath });
        builder.AddChatCoach(consoleChat: false);
        using var host = builder.Build();
        using var metrics = new MetricRecorder(host.Services.GetRequiredService<ChatCoachMetrics>().Meter);
        var router = host.Services.GetRequiredService<CommandRouter>();

        var kinds = new List<string>();
        foreach (var question in new[] { "my knee hurts on the outside after long runs", "my knee is hot, swollen and I can't put weight on it", "what is the capital of France" })
        {
            var reply = await router.RouteAsync(new InboundMessage("discord", "c1", "u1", "Ana", IsDirect: true, IsAdmin: false, question), CancellationToken.None);
            kinds.Add(Assert.IsType<Reply>(reply).Kind);
        }

        await router.RouteAsync(new InboundMessage("telegram", "c2", "u2", "Ben", IsDirect: true, IsAdmin: false, "/help"), CancellationToken.None);

        Assert.Equal(3, metrics.Sum("chatcoach.messages.received", ("platform", "discord")));
        Assert.Equal(3, metrics.Sum("chatcoach.messages.answered", ("platform", "discord")));
        Assert.Equal(1, metrics.Sum("chatcoach.messages.answered", ("platform", "telegram")));
        Assert.Equal(4, metrics.Count("chatcoach.reply.duration"));
        Assert.Equal(3, metrics.Sum("chatcoach.advice.decisions"));
        foreach (var kind in kinds.Distinct())
        {
            Assert.Equal(kinds.Count(k => k == kind), metrics.Sum("chatcoach.advice.decisions", ("kind", kind)));
        }

        // The three questions are three different cases for the engine; each decision is counted under its own kind.
        Assert.Contains(ReplyKinds.Urgent, kinds);
    }

    [Fact]
    public async Task DailyPost_SentThirtySecondsAfterItsDueTime_RecordsThirtySecondsOfFanOutLag()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 6, 0, 0, TimeSpan.Zero));
        var sender = new RecordingSender(clock);
        using var host = SchedulerHost.Build(DatabasePath, clock, sender);
        using var metrics = new MetricRecorder(host.Services.GetRequiredService<ChatCoachMetrics>().Meter);
        var message = Messages.TelegramDirect("42", "Runner", "/subscribe 07:00");
        await host.Services.GetRequiredService<IPersonStore>().SaveAsync(new PersonProfile(message.Person, "runner", "Europe/London"), CancellationToken.None);
        await host.SayAsync(message);

        clock.SetUtcNow(new DateTimeOffset(2026, 1, 10, 7, 0, 30, TimeSpan.Zero));
        await host.Services.GetRequiredService<DailyPostRunner>().RunDueAsync(CancellationToken.None);

        Assert.Single(sender.Sent);
        var lag = Assert.Single(metrics.Matching("chatcoach.fanout.lag", ("platform", "telegram")));
        Assert.Equal(30, lag.Value, precision: 3);
    }

    private IHost Build(Dictionary<string, string?> settings, Action<IHostApplicationBuilder> add)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        settings["Storage:Path"] = DatabasePath;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStorage();
        builder.AddConversation();
        add(builder);
        return builder.Build();
    }
}

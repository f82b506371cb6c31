using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
    public LifecycleTests() => Api = new BotApiDouble(_time);

    private TempDirectory Directory { get; } = new();

    private BotApiDouble Api { get; }

    public Task InitializeAsync() => Api.StartAsync();

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    [Fact]
    public async Task Restart_OverSameDatabase_NeitherReplaysNorLosesUpdates()
    {
        // As if the first run stopped before its confirming getUpdates reached Telegram: only the saved offset prevents a replay.
        Api.ForgetConfirmed = false;
        var first = await TelegramTestHost.StartAsync(Api, _time, Directory.Database);
        for (var i = 0; i < 3; i++)
        {
            Api.Enqueue(Updates.PrivateMessage(90 + i, $"/seen before {i}"));
        }

        await first.WaitUntilAsync(() => Api.Sent.Count == 3, "three replies");
        await first.WaitUntilAsync(
            () => first.Get<SeenHandler>().Messages.Count == 3 && StoredOffset(first) == $"2|{Updates.BotId}|{Api.BaseUrl}|4|3|",
            "the saved offset");
        await first.DisposeAsync();

        // Telegram still holds updates it has not seen confirmed by a later getUpdates offset.
        var late = Api.Enqueue(Updates.PrivateMessage(93, "/seen after restart"));
        var pollsBefore = Api.CountOf("getUpdates");
        var second = await TelegramTestHost.StartAsync(Api, _time, Directory.Database);
        await second.WaitUntilAsync(() => Api.Sent.Count == 4, "the fourth reply");

        Assert.Equal(["/seen after restart"], second.Get<SeenHandler>().Messages.Select(m => m.Text));
        var offsets = Api.Calls.Where(c => c.Method == "getUpdates").Select(c => BotApiDouble.AsLong(c.Body["offset"]!)).ToList();
        Assert.Equal(0, offsets[0]); // nothing stored yet
        Assert.Equal(4, offsets[pollsBefore]); // the second run starts from the saved offset
        Assert.Equal(4, late);
        Assert.Equal(4, Api.Sent.Select(c => c.ChatId).Distinct().Count());
        await second.DisposeAsync();
    }

    [Fact]
    public async Task BadToken_Unauthorized_StopsOnlyTheAdapterWithOneClearLine()
    {
        Api.AcceptedToken = "999:someone-else";

        await using var bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database);
        await bot.WaitUntilAsync(() => bot.Logs.Entries.Any(e => e.Level == LogLevel.Critical), "the fatal log line");

        var fatal = Assert.Single(bot.Logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal(LogLevel.Critical, fatal.Level);
        Assert.Null(fatal.Exception);
        Assert.Contains("401 Unauthorized", fatal.Message, StringComparison.Ordinal);
        Assert.Contains("Telegram:Token", fatal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', fatal.Message);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Everything.Contains(BotApiDouble.Token.Split(':')[1], StringComparison.Ordinal));
        Assert.Equal(0, Api.CountOf("getUpdates"));
        Assert.False(bot.Get<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.True(bot.Services.GetServices<IHostedService>().Any());
    }

    [Fact]
    public async Task Unauthorized_WhilePolling_StopsTheAdapterButNotTheHost()
    {
        await using var bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database);
        Api.AcceptedToken = "999:revoked";
        Api.Enqueue(Updates.PrivateMessage(94, "/help"));

        await bot.WaitUntilAsync(() => bot.Logs.Entries.Any(e => e.Level == LogLevel.Critical), "the fatal log line");
        var polls = Api.CountOf("getUpdates");
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(polls, Api.CountOf("getUpdates"));
        Assert.False(bot.Get<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task StartUp_WhenApiUnreachableAtFirst_RetriesWithBackoff()
    {
        Api.FailNext("deleteWebhook", Fault.ServerError, count: 2);
        Api.FailNext("getMe", Fault.DropConnection);

        await using var bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database);

        Assert.Equal(3, Api.CountOf("deleteWebhook"));
        Assert.Equal(2, Api.CountOf("getMe"));
        var warnings = bot.Logs.Entries.Where(e => e.Message.StartsWith("Telegram receive error", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains("retrying in 00:00:02", warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredOffset_OfAnotherBot_IsIgnored()
    {
        using (var database = new ChatCoach.Storage.LiteDb.ChatCoachDatabase(Directory.Database))
        {
            await new ChatCoach.Storage.LiteDb.LiteDbAdapterStateStore(database).SetAsync("telegram:offset", "555:900", CancellationToken.None);
        }

        Api.Enqueue(Updates.PrivateMessage(95, "/seen new bot"));
        await using var bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database);
        await bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply");

        Assert.Equal(0, BotApiDouble.AsLong(Api.Calls.First(c => c.Method == "getUpdates").Body["offset"]!));
        Assert.Contains(bot.Logs.Entries, e => e.Message == "Ignoring the saved Telegram offset: it belongs to another bot");
    }

    private static string? StoredOffset(TelegramTestHost host) =>
        host.Get<ChatCoach.Core.Storage.IAdapterStateStore>().GetAsync("telegram:offset", CancellationToken.None).GetAwaiter().GetResult();
}

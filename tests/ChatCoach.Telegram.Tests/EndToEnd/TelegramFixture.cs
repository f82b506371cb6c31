using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>A double, a fake clock, a temp database and a started adapter for one test.</summary>
public abstract class TelegramTestBase : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    protected BotApiDouble Api { get; set; } = null!;

    protected TempDirectory Directory { get; } = new();

    protected TelegramTestHost Bot { get; set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Api = new BotApiDouble(Time);
        await Api.StartAsync();
        Bot = await TelegramTestHost.StartAsync(Api, Time, Directory.Database, Settings);
    }

    public virtual async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    /// <summary>Sends an update and waits for the bot's next message, which it returns.</summary>
    protected async Task<RecordedCall> ExchangeAsync(System.Text.Json.Nodes.JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before, "a reply");
        return Api.Sent[before];
    }
}

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
        // Until the reply's call has also come back: a test that then moves the fake clock must not time out a call
        // the double already recorded (the retry would be a second copy of this reply).
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }
}

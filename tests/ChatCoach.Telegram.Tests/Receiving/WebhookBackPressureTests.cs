using System.Net;
using ChatCoach.Core.Storage;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.Receiving;

/// <summary>Webhook mode when it cannot take an update: 503, so that Telegram keeps it and retries — nothing lost.</summary>
public sealed class WebhookBackPressureTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
    private readonly TroubledInbox _inbox = new();
    private TempDirectory Folder { get; } = new();
    private BotApiDouble Api { get; }

    public WebhookBackPressureTests()
    {
        Api = new BotApiDouble(_time);
    }

    public Task InitializeAsync() => Api.StartAsync();

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Folder.Dispose();
    }

    private Task<TelegramTestHost> StartAsync(int maxPending = 1000)
    {
        var settings = WebhookTests.WebhookSettings();
        settings["Telegram:WebhookMaxPending"] = maxPending.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TelegramTestHost.StartAsync(Api, _time, Path.Combine(Folder.Path, "bot.db"), settings, addStorage: builder =>
        {
            builder.AddStorage();
            builder.Services.AddSingleton<IUpdateInbox>(_inbox);
        });
    }

    [Fact]
    public async Task DatabaseFailingAtTheClaim_Answers503_AndTheRetryIsAnsweredOnce()
    {
        await using var bot = await StartAsync();
        _inbox.FailNext = 2;
        Api.WebhookBackends = [bot.Webhook.Address!.ToString()];

        Api.Enqueue(Updates.PrivateMessage(706, "/echo survived-end"));
        await bot.WaitUntilAsync(() => Api.Unconfirmed == 0, "the update answered 200 at last");

        Assert.Equal([503, 503, 200], Api.WebhookDeliveries.Select(d => d.Status));
        Assert.Single(Api.Sent, c => c.Text.Contains("survived-end", StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Entries, e => e.Message.StartsWith("Telegram webhook: could not claim update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueueFull_Answers503WithoutTakingTheUpdate()
    {
        await using var bot = await StartAsync(maxPending: 1);
        var hold = _inbox.HoldNextClaim();
        var first = Updates.PrivateMessage(707, "/echo first-end");
        first["update_id"] = 9_200;
        var second = Updates.PrivateMessage(708, "/echo second-end");
        second["update_id"] = 9_201;
        using var http = new HttpClient();

        // The first is in (its claim waits on the database); the second finds the queue full.
        var taking = WebhookTests.PostAsync(http, bot, first, WebhookTests.Secret);
        await bot.WaitUntilAsync(() => _inbox.Holding, "the first update's claim under way");
        var refused = await WebhookTests.PostAsync(http, bot, second, WebhookTests.Secret);

        hold.SetResult();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal(HttpStatusCode.OK, (await taking).Status);
        Assert.Equal(HttpStatusCode.OK, (await WebhookTests.PostAsync(http, bot, second, WebhookTests.Secret)).Status);
        Assert.Equal(["first-end", "second-end"], Api.Sent.Select(c => c.Text.Contains("first-end", StringComparison.Ordinal) ? "first-end" : "second-end"));
    }

    /// <summary>An in-memory inbox whose claims can fail (a database down) or wait (a slow one).</summary>
    private sealed class TroubledInbox : IUpdateInbox
    {
        private readonly InMemoryUpdateInbox _inner = new();
        private TaskCompletionSource? _hold;
        private int _holding;

        public int FailNext { get; set; }

        public bool Holding => Volatile.Read(ref _holding) > 0;

        public TaskCompletionSource HoldNextClaim()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _hold, gate);
            return gate;
        }

        public async Task<UpdateClaim> TryClaimAsync(string source, long updateId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
        {
            if (FailNext > 0)
            {
                FailNext--;
                throw new StorageUnavailableException("the database is down (test)", new IOException("down"));
            }

            if (Interlocked.Exchange(ref _hold, null) is { } gate)
            {
                Interlocked.Increment(ref _holding);
                await gate.Task;
            }

            return await _inner.TryClaimAsync(source, updateId, now, leaseUntil, cancellationToken);
        }

        public Task CompleteAsync(string source, long updateId, DateTimeOffset now, CancellationToken cancellationToken) => _inner.CompleteAsync(source, updateId, now, cancellationToken);

        public Task ReleaseAsync(string source, long updateId, CancellationToken cancellationToken) => _inner.ReleaseAsync(source, updateId, cancellationToken);

        public Task<int> PruneAsync(string source, DateTimeOffset before, CancellationToken cancellationToken) => _inner.PruneAsync(source, before, cancellationToken);
    }
}

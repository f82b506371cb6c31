using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatCoach.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// Webhook mode's receiving: a small Kestrel listener (as the operator's health listener) that takes the updates
/// Telegram posts, checks the secret header, claims each update by id in the shared <see cref="IUpdateInbox"/> and
/// hands it to <see cref="TelegramUpdateHandler"/>, the same handler polling uses. An update is answered 200 once its
/// replies are out (as polling confirms an offset), so Telegram's retry covers a crash in between; a retry of an
/// update already handled, here or on another instance, is answered 200 and not handled again. A full queue, a
/// storage failure or a stop answers 503: Telegram keeps the update and retries it. See docs/telegram.md.
/// </summary>
internal sealed class TelegramWebhookReceiver(
    TelegramUpdateHandler handler,
    IUpdateInbox inbox,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramWebhookReceiver> logger) : IAsyncDisposable
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Telegram keeps an unconfirmed update for at most 24 hours; ids done well before that are forgotten.</summary>
    private static readonly TimeSpan s_keepDone = TimeSpan.FromDays(2);

    private readonly TelegramOptions _options = options.Value;
    private readonly byte[] _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.WebhookSecret ?? ""));
    private readonly CancellationTokenSource _handling = new();
    private WebApplication? _app;
    private ChatPartitioner<Pending>? _partitioner;
    private BotIdentity _bot = new(0, "");
    private string _source = "";
    private int _pending;
    private long _refusedLoggedAt;
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>The address the listener bound (the port is the system's choice when Telegram:WebhookListenUrl says port 0).</summary>
    public Uri? Address { get; private set; }

    /// <summary>The path Telegram posts to: the path of Telegram:WebhookUrl (behind the load balancer, the same path).</summary>
    public string Path => new Uri(_options.WebhookUrl!).AbsolutePath;

    public async Task StartAsync(BotIdentity bot, CancellationToken cancellationToken)
    {
        _bot = bot;
        _source = "telegram:" + bot.Id.ToString(CultureInfo.InvariantCulture);
        _partitioner = new ChatPartitioner<Pending>(_options.MaxParallelUpdates, HandleAsync, _handling.Token, order: p => p.Update.Id);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_options.WebhookListenUrl!);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost(Path, ReceiveAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound);
        logger.LogInformation("Telegram webhook listening on {Address}{Path}", Address, Path);
    }

    /// <summary>
    /// At stop: no new request is taken; those in flight finish within DrainTimeout (and the host's shutdown timeout),
    /// then what is still being handled is cancelled, its claim given up and its request answered 503, so that
    /// Telegram retries it to another instance or to this one after the restart.
    /// </summary>
    public async Task StopAsync(CancellationToken hostStopToken)
    {
        if (_app is null)
        {
            return;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(hostStopToken);
        bound.CancelAfter(_options.DrainTimeout);
        try
        {
            // Kestrel waits for the requests in flight, each of which waits for its update's replies.
            await _app.StopAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
        }

        if (Volatile.Read(ref _pending) > 0)
        {
            logger.LogWarning("Telegram webhook: {Count} update(s) not finished within the drain time; their claims are given up and Telegram retries them", Volatile.Read(ref _pending));
        }

        await _handling.CancelAsync();

        // The cancelled requests give their claims up before the database closes (a few milliseconds; a safety net of 5 s).
        for (var i = 0; i < 500 && Volatile.Read(ref _pending) > 0; i++)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        _partitioner?.Dispose();
        _handling.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString()))
        {
            // No detail for the caller; for the operator one line a minute at most (a scan must not flood the log).
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _refusedLoggedAt);
            if (last == 0 || now - last > 60_000)
            {
                Interlocked.Exchange(ref _refusedLoggedAt, now);
                logger.LogWarning("Telegram webhook: refused a request from {Remote} without the right {Header}", context.Connection.RemoteIpAddress, SecretHeader);
            }

            context.Response.StatusCode = context.Request.Headers.ContainsKey(SecretHeader) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            return;
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            update = null;
        }

        if (update is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (Interlocked.Increment(ref _pending) > _options.WebhookMaxPending || _handling.IsCancellationRequested)
        {
            Interlocked.Decrement(ref _pending);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            context.Response.StatusCode = await TakeAsync(update);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Claims, handles and records one update; returns the status Telegram gets.</summary>
    private async Task<int> TakeAsync(Update update)
    {
        UpdateClaim claim;
        var now = time.GetUtcNow();
        try
        {
            claim = await inbox.TryClaimAsync(_source, update.Id, now, now + _options.WebhookLease, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Telegram webhook: could not claim update {UpdateId} ({ErrorType}: {Error}); Telegram retries it", update.Id, ex.GetType().Name, Redaction.Redact(ex.Message, _options.Token));
            return StatusCodes.Status503ServiceUnavailable;
        }

        switch (claim)
        {
            case UpdateClaim.Done:
                return StatusCodes.Status200OK;
            case UpdateClaim.Held:
                // Another instance handles it now; if that one dies, its lease runs out and a later retry takes it over.
                return StatusCodes.Status503ServiceUnavailable;
        }

        var finished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _partitioner!.Post(TelegramPollingService.ChatOf(update), new Pending(update, finished));
        bool handled;
        try
        {
            // A stop that cancels the handling also ends the wait of an update still queued behind its chat.
            handled = await finished.Task.WaitAsync(_handling.Token);
        }
        catch (OperationCanceledException)
        {
            handled = false;
        }

        if (!handled)
        {
            // Not handled, or its replies not sent (a stop): give the claim up so that the retry is handled at once.
            await ReleaseAsync(update.Id);
            return StatusCodes.Status503ServiceUnavailable;
        }

        try
        {
            await inbox.CompleteAsync(_source, update.Id, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The replies are out: answering 503 would have Telegram send it again once the lease runs out.
            logger.LogWarning("Telegram webhook: update {UpdateId} answered, but could not be recorded as done ({Error})", update.Id, Redaction.Redact(ex.Message, _options.Token));
        }

        PruneNow();
        return StatusCodes.Status200OK;
    }

    private async Task HandleAsync(Pending pending, CancellationToken handlingToken)
    {
        Task<bool> delivered;
        try
        {
            delivered = await handler.HandleUpdateAsync(pending.Update, _bot, handlingToken);
        }
        catch (OperationCanceledException) when (handlingToken.IsCancellationRequested)
        {
            pending.Finished.TrySetResult(false);
            return;
        }

        // The chat's next update waits for this one's handling, not for its replies (the outbox keeps their order).
        _ = delivered.ContinueWith(t => pending.Finished.TrySetResult(t.IsCompletedSuccessfully && t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ReleaseAsync(long updateId)
    {
        try
        {
            await inbox.ReleaseAsync(_source, updateId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Its lease runs out instead; Telegram's retry after that is handled.
            logger.LogWarning("Telegram webhook: could not give up the claim of update {UpdateId} ({Error})", updateId, Redaction.Redact(ex.Message, _options.Token));
        }
    }

    /// <summary>At most once an hour, in the background: forget ids done two days ago.</summary>
    private void PruneNow()
    {
        var now = time.GetUtcNow();
        if (now - _prunedAt < TimeSpan.FromHours(1))
        {
            return;
        }

        _prunedAt = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await inbox.PruneAsync(_source, now - s_keepDone, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Telegram webhook: could not forget old update ids ({Error}); trying again in an hour", Redaction.Redact(ex.Message, _options.Token));
            }
        });
    }

    /// <summary>Constant time, whatever the lengths: the hashes are compared, never the secret itself.</summary>
    private bool SecretMatches(string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _secretHash);

    private sealed record Pending(Update Update, TaskCompletionSource<bool> Finished);
}

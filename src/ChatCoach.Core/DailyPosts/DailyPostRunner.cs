using ChatCoach.Core.Conversation;
using ChatCoach.Core.Operations;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ChatCoach.Core.DailyPosts;

/// <summary>
/// One pass of the scheduler: finds the due subscriptions and posts each its routine for the local day, at most once.
/// </summary>
/// <remarks>
/// Every post is written to the delivery log as pending before it is sent and as sent afterwards, and the subscription
/// moves on to its next day only after that. A crash between the two writes can therefore only repeat the post that was
/// in flight; a restart after the second write finds "sent" and moves on without posting again.
/// A post missed earlier on the same local day (downtime) is sent late; one missed on an earlier day is skipped.
/// </remarks>
public sealed class DailyPostRunner(
    ISubscriptionStore subscriptions,
    IDeliveryLog deliveries,
    IEnumerable<IChatSender> senders,
    RoutinePlanner planner,
    ExerciseCatalog catalog,
    TimeProvider time,
    IOptions<SchedulerOptions> options,
    ILogger<DailyPostRunner> logger,
    ChatCoachMetrics? metrics = null,
    IPostClaims? claims = null)
{
    private readonly IChatSender[] _senders = [.. senders];
    private readonly SchedulerOptions _options = options.Value;

    private LocalDate _prunedOn;

    private Instant Now => PersonClock.UtcNow(time);

    /// <summary>Posts everything due now, a batch at a time. Returns how many due subscriptions it looked at.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSends, CancellationToken = cancellationToken };
        var seen = 0;

        // Posted subscriptions leave the due range; the ones left due (another shard's chats) are skipped in the next
        // batch, so they can never crowd out this process's own posts.
        var leftDue = 0;
        while (true)
        {
            var due = await subscriptions.FindDueAsync(now, leftDue, _options.BatchSize, cancellationToken);
            await Parallel.ForEachAsync(due, parallel, async (subscription, token) =>
            {
                if (!await ProcessAsync(subscription, now, token))
                {
                    Interlocked.Increment(ref leftDue);
                }
            });
            seen += due.Count;
            if (due.Count < _options.BatchSize)
            {
                return seen;
            }
        }
    }

    /// <summary>Once per UTC day, drops delivery records older than the retention.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var today = Now.InUtc().Date;
        if (today == _prunedOn)
        {
            return;
        }

        var cutoff = today.PlusDays(-(int)Math.Ceiling(_options.DeliveryRetention.TotalDays));
        var removed = await deliveries.DeleteBeforeAsync(cutoff, cancellationToken);
        _prunedOn = today;
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} delivery records from before {Cutoff}", removed, cutoff);
        }
    }

    /// <summary>How long to sleep before the next pass: until the next post is due, at most the poll interval.</summary>
    public async Task<TimeSpan> DelayUntilNextAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var next = await subscriptions.NextDueAfterAsync(now, cancellationToken);
        if (next is null)
        {
            return _options.PollInterval;
        }

        // Rounded up to whole milliseconds: timers have millisecond resolution, and a wait that rounds down to zero
        // would wake the loop before the post is due, over and over.
        var wait = TimeSpan.FromMilliseconds(Math.Ceiling((next.Value - now).ToTimeSpan().TotalMilliseconds));
        return wait < _options.PollInterval ? wait : _options.PollInterval;
    }

    /// <summary>Handles one due subscription; false when it was left due for another process.</summary>
    private async Task<bool> ProcessAsync(Subscription subscription, Instant now, CancellationToken cancellationToken)
    {
        if (!subscription.Enabled)
        {
            return true;
        }

        var original = subscription;
        var zone = Zones.FromId(subscription.ZoneId);
        var today = now.InZone(zone).Date;
        if (subscription.NextLocalDate < today)
        {
            // Missed on an earlier day (downtime, or retries ran past midnight): skip it rather than post stale days.
            logger.LogInformation(
                "Skipping the {Date} post to {Subscription}: that local day is over",
                subscription.NextLocalDate,
                subscription.Id);
            subscription = subscription with { NextLocalDate = today, NextDue = PostTimes.DueAt(today, subscription.LocalTime, zone) };
            if (subscription.NextDue > now)
            {
                await subscriptions.SaveAsync(subscription, cancellationToken);
                return true;
            }
        }

        var sender = Array.Find(_senders, s => s.Platform == subscription.Chat.Platform && s.PostsTo(subscription.Chat));
        if (sender is null)
        {
            // Another process (a Discord shard, say) posts for this chat; leave it due for that one.
            return false;
        }

        if (claims is null)
        {
            return await PostAsync(subscription, sender, zone, cancellationToken);
        }

        // Several instances share the database: post only under this instance's claim, and only if the subscription
        // is still as it was read (another instance may have posted and moved it on between the read and the claim).
        var claimed = subscription.NextLocalDate;
        if (!await claims.TryClaimAsync(subscription.Id, claimed, Now, Duration.FromTimeSpan(_options.ClaimLease), cancellationToken))
        {
            return false;
        }

        try
        {
            var fresh = await subscriptions.FindAsync(subscription.Chat, cancellationToken);
            return fresh != original || await PostAsync(subscription, sender, zone, cancellationToken);
        }
        finally
        {
            await claims.ReleaseAsync(subscription.Id, claimed, CancellationToken.None);
        }
    }

    private async Task<bool> PostAsync(Subscription subscription, IChatSender sender, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var date = subscription.NextLocalDate;
        var previous = await deliveries.FindAsync(subscription.Id, date, cancellationToken);
        // A day given up before the chat was subscribed again (bot re-added after a "kicked" failure) is tried afresh.
        if (previous is { Status: DeliveryStatus.Failed } && previous.UpdatedAt < subscription.ChangedAt)
        {
            previous = null;
        }

        if (previous is { Status: DeliveryStatus.Sent or DeliveryStatus.Failed })
        {
            await subscriptions.SaveAsync(Advance(subscription, date, zone), cancellationToken);
            return true;
        }

        var attempt = (previous?.Attempts ?? 0) + 1;
        await deliveries.SaveAsync(new Delivery(subscription.Id, date, DeliveryStatus.Pending, attempt, Now), cancellationToken);

        var focus = RoutineFoci.FromId(subscription.Focus);
        var culture = PersonCultures.CultureOf(subscription.Language);
        var texts = catalog.In(culture);
        var reply = RoutineReplies.ForChatIn(RoutineReplies.Localize(planner.Plan(date, focus), texts), texts.SafetyNote, sender.IsDirectChat(subscription.Chat), culture);
        SendOutcome outcome;
        try
        {
            outcome = await SendAsync(sender, subscription, reply, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await UncountAsync(subscription.Id, date, previous);
            throw;
        }

        if (outcome.Status == SendStatus.TemporaryFailure && cancellationToken.IsCancellationRequested)
        {
            // The send was cut short by the stop, not refused by the platform: the post stays due with this attempt
            // uncounted and no retry delay, and is sent after the restart (a repeat is possible; a loss is not).
            logger.LogInformation("Post to {Subscription} was in flight at shutdown; it stays due", subscription.Id);
            await UncountAsync(subscription.Id, date, previous);
            return true;
        }

        switch (outcome.Status)
        {
            case SendStatus.Sent:
                await deliveries.SaveAsync(new Delivery(subscription.Id, date, DeliveryStatus.Sent, attempt, Now), cancellationToken);
                // From the day's own due time, not NextDue, which a retry has moved on.
                metrics?.FanOutLag(sender.Platform, (Now - PostTimes.DueAt(date, subscription.LocalTime, zone)).ToTimeSpan());
                await subscriptions.SaveAsync(Advance(subscription, date, zone), cancellationToken);
                if (outcome.MovedTo is { } moved)
                {
                    // The chat has a new address (a Telegram group became a supergroup): follow it, not the dead one.
                    logger.LogInformation("Moving the subscription {Subscription} to {Chat}", subscription.Id, Subscription.KeyOf(moved));
                    await subscriptions.MoveAsync(subscription.Chat, moved, cancellationToken);
                }

                break;

            case SendStatus.PermanentFailure:
                logger.LogWarning(
                    "Disabling daily posts to {Subscription}: the platform refused permanently ({Reason})",
                    subscription.Id,
                    outcome.Reason);
                await deliveries.SaveAsync(new Delivery(subscription.Id, date, DeliveryStatus.Failed, attempt, Now, outcome.Reason), cancellationToken);
                await subscriptions.SaveAsync(
                    subscription with { Enabled = false, DisabledReason = outcome.Reason ?? "permanent send failure", NextDue = Instant.MaxValue },
                    cancellationToken);
                break;

            case SendStatus.TemporaryFailure when attempt >= _options.MaxAttempts:
                logger.LogWarning(
                    "Giving up the {Date} post to {Subscription} after {Attempts} attempts ({Reason})",
                    date,
                    subscription.Id,
                    attempt,
                    outcome.Reason);
                await deliveries.SaveAsync(new Delivery(subscription.Id, date, DeliveryStatus.Failed, attempt, Now, outcome.Reason), cancellationToken);
                await subscriptions.SaveAsync(Advance(subscription, date, zone), cancellationToken);
                break;

            default:
                var retryAt = Now + Duration.FromTimeSpan(_options.RetryDelayFor(attempt));
                logger.LogInformation(
                    "Post to {Subscription} failed for now ({Reason}); attempt {Attempt} of {MaxAttempts}, retrying at {RetryAt}",
                    subscription.Id,
                    outcome.Reason,
                    attempt,
                    _options.MaxAttempts,
                    retryAt);
                await deliveries.SaveAsync(new Delivery(subscription.Id, date, DeliveryStatus.Pending, attempt, Now, outcome.Reason), cancellationToken);
                await subscriptions.SaveAsync(subscription with { NextDue = retryAt }, cancellationToken);
                break;
        }

        return true;
    }

    /// <summary>Puts the delivery record back to what it was before this attempt (written even though the stop was requested).</summary>
    private Task UncountAsync(string subscriptionId, LocalDate date, Delivery? previous) =>
        deliveries.SaveAsync(
            new Delivery(subscriptionId, date, DeliveryStatus.Pending, previous?.Attempts ?? 0, previous?.UpdatedAt ?? Now, previous?.Reason),
            CancellationToken.None);

    private async Task<SendOutcome> SendAsync(IChatSender sender, Subscription subscription, Reply reply, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(subscription.Chat, reply, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The contract says senders don't throw; if one does, that post is retried, the pass goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "The {Platform} sender threw while posting to {Subscription}", sender.Platform, subscription.Id);
            return SendOutcome.Temporary($"sender error: {ex.GetType().Name}");
        }
    }

    private static Subscription Advance(Subscription subscription, LocalDate postedDate, DateTimeZone zone)
    {
        var next = postedDate.PlusDays(1);
        return subscription with { NextLocalDate = next, NextDue = PostTimes.DueAt(next, subscription.LocalTime, zone) };
    }
}

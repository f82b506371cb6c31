using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>
/// One pass of the reminder scheduler: each due reminder is sent if the person's today is neither done nor paused,
/// at most once per local day, then moves on to the next day.
/// </summary>
/// <remarks>
/// As for daily posts: the reminder is written with <see cref="Reminder.SendingDate"/> before the send and with
/// <see cref="Reminder.LastSentDate"/> after it, so a crash in between can only repeat the nudge in flight, and a
/// restart after the second write never sends it again. "Today" is taken in the person's current zone at each pass,
/// so a <c>/timezone</c> change after <c>/remind</c> moves the nudge with it; the local time is resolved across
/// daylight-saving changes as daily posts are (<see cref="PostTimes"/>). A nudge missed on an earlier day is skipped.
/// </remarks>
public sealed class ReminderRunner(
    IReminderStore reminders,
    ICompletionStore completions,
    IPauseStore pauses,
    PersonClock clock,
    IEnumerable<IChatSender> senders,
    IOptions<SchedulerOptions> options,
    ILogger<ReminderRunner> logger,
    PersonCultures? cultures = null)
{
    public const string Title = "Streak saver ⏰";

    private readonly IChatSender[] _senders = [.. senders];
    private readonly SchedulerOptions _options = options.Value;

    /// <summary>The English nudge.</summary>
    public static Reply Nudge { get; } = NudgeIn(Languages.EnglishCulture);

    /// <summary>The nudge in the culture's words: short, kind, with the Done button so a finished routine can still be counted from it.</summary>
    public static Reply NudgeIn(CultureInfo culture) => new()
    {
        Title = CoachingTexts.Get("reminder.title", culture),
        Blocks =
        [
            new Paragraph(CoachingTexts.Get("reminder.today", culture)),
            new Paragraph(CoachingTexts.Get("reminder.stop", culture)),
        ],
        Buttons = [RoutineReplies.DoneButtonIn(culture)],
        IsPrivate = true,
    };

    /// <summary>Sends everything due now. Returns how many due reminders it looked at.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var seen = 0;
        var leftDue = 0;
        while (true)
        {
            var due = await reminders.FindDueAsync(now, leftDue, _options.BatchSize, cancellationToken);
            foreach (var reminder in due)
            {
                if (!await ProcessAsync(reminder, now, cancellationToken))
                {
                    leftDue++;
                }
            }

            seen += due.Count;
            if (due.Count < _options.BatchSize)
            {
                return seen;
            }
        }
    }

    /// <summary>Until the next reminder is due, at most the poll interval.</summary>
    public async Task<TimeSpan> DelayUntilNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var next = await reminders.NextDueAfterAsync(now, cancellationToken);
        if (next is null)
        {
            return _options.PollInterval;
        }

        var wait = TimeSpan.FromMilliseconds(Math.Ceiling((next.Value - now).ToTimeSpan().TotalMilliseconds));
        return wait < _options.PollInterval ? wait : _options.PollInterval;
    }

    /// <summary>Handles one due reminder; false when it was left due for another process.</summary>
    private async Task<bool> ProcessAsync(Reminder reminder, Instant now, CancellationToken cancellationToken)
    {
        if (!reminder.Enabled)
        {
            return true;
        }

        var (_, zone) = await clock.ZoneOfAsync(reminder.Person, cancellationToken);
        var today = now.InZone(zone).Date;
        if (reminder.NextLocalDate < today)
        {
            reminder = reminder with { NextLocalDate = today, Attempts = 0, SendingDate = null };
        }

        // Due in the person's zone now (they may have changed it since): not yet means wait.
        var dueAt = PostTimes.DueAt(reminder.NextLocalDate, reminder.LocalTime, zone);
        if (dueAt > now && reminder.Attempts == 0)
        {
            await SaveIfUnchangedAsync(reminder with { NextDue = dueAt }, cancellationToken);
            return true;
        }

        var sender = Array.Find(_senders, s => s.Platform == reminder.Chat.Platform && s.PostsTo(reminder.Chat));
        if (sender is null)
        {
            return false;
        }

        var date = reminder.NextLocalDate;
        if (reminder.LastSentDate >= date)
        {
            await SaveIfUnchangedAsync(Advance(reminder, zone), cancellationToken);
            return true;
        }

        var paused = StreakRules.IsPaused((await pauses.GetAsync(reminder.Person, cancellationToken)).Pauses, date);
        var done = (await completions.GetDatesAsync(reminder.Person, date, date, cancellationToken)).Count > 0;
        if (paused || done)
        {
            await SaveIfUnchangedAsync(Advance(reminder, zone), cancellationToken);
            return true;
        }

        var attempt = reminder.Attempts + 1;
        var pending = reminder with { Attempts = attempt, SendingDate = date };
        if (!await SaveIfUnchangedAsync(pending, cancellationToken))
        {
            return true;
        }

        SendOutcome outcome;
        try
        {
            outcome = await SendAsync(sender, reminder, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SaveIfUnchangedAsync(reminder, CancellationToken.None);
            throw;
        }

        if (outcome.Status == SendStatus.TemporaryFailure && cancellationToken.IsCancellationRequested)
        {
            await SaveIfUnchangedAsync(reminder, CancellationToken.None);
            return true;
        }

        switch (outcome.Status)
        {
            case SendStatus.Sent:
                await SaveIfUnchangedAsync(Advance(pending with { LastSentDate = date }, zone), cancellationToken);
                break;
            case SendStatus.PermanentFailure:
                // The person blocked the bot (Telegram 403, Discord 50007 once its grace period is over): stop by itself.
                logger.LogInformation("Reminder for {Person} stopped: the platform refused permanently ({Reason})", reminder.Person, outcome.Reason);
                await SaveIfUnchangedAsync(pending with { Enabled = false, DisabledReason = outcome.Reason ?? "permanent send failure", NextDue = Instant.MaxValue, SendingDate = null }, cancellationToken);
                break;
            case SendStatus.TemporaryFailure when attempt >= _options.MaxAttempts:
                logger.LogWarning("Giving up the {Date} reminder for {Person} after {Attempts} attempts ({Reason})", date, reminder.Person, attempt, outcome.Reason);
                await SaveIfUnchangedAsync(Advance(pending, zone), cancellationToken);
                break;
            default:
                await SaveIfUnchangedAsync(pending with { NextDue = clock.Now + Duration.FromTimeSpan(_options.RetryDelayFor(attempt)), SendingDate = null }, cancellationToken);
                break;
        }

        return true;
    }

    /// <summary>
    /// Saves unless <c>/remind</c> changed or removed the reminder meanwhile (the person's word wins); a nudge that went
    /// out is still remembered on the changed one, so it is not sent twice that day.
    /// </summary>
    private async Task<bool> SaveIfUnchangedAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var current = await reminders.GetAsync(reminder.Person, cancellationToken);
        if (current is null)
        {
            return false;
        }

        if (current.LocalTime != reminder.LocalTime || current.Chat != reminder.Chat || current.Language != reminder.Language || current.Enabled != reminder.Enabled && reminder.Enabled)
        {
            if (reminder.LastSentDate is { } sent && current.LastSentDate != sent)
            {
                await reminders.SaveAsync(current with { LastSentDate = sent }, cancellationToken);
            }

            return false;
        }

        await reminders.SaveAsync(reminder, cancellationToken);
        return true;
    }

    private async Task<SendOutcome> SendAsync(IChatSender sender, Reminder reminder, CancellationToken cancellationToken)
    {
        try
        {
            var culture = cultures is null
                ? PersonCultures.CultureOf(reminder.Language)
                : await cultures.CultureOfAsync(reminder.Person, reminder.Language, cancellationToken);
            return await sender.SendAsync(reminder.Chat, NudgeIn(culture), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The contract says senders don't throw; if one does, that reminder is retried and the pass goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "The {Platform} sender threw while sending a reminder", sender.Platform);
            return SendOutcome.Temporary($"sender error: {ex.GetType().Name}");
        }
    }

    private static Reminder Advance(Reminder reminder, DateTimeZone zone)
    {
        var next = reminder.NextLocalDate.PlusDays(1);
        return reminder with { NextLocalDate = next, NextDue = PostTimes.DueAt(next, reminder.LocalTime, zone), Attempts = 0, SendingDate = null };
    }
}

using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>
/// A person's streak-saver reminder: a private nudge at <see cref="LocalTime"/> in their zone, sent to their direct
/// chat <see cref="Chat"/> on days not done yet. <see cref="NextLocalDate"/> is the day the next nudge is for and
/// <see cref="NextDue"/> its instant (<see cref="Instant.MaxValue"/> when disabled).
/// </summary>
public sealed record Reminder(PersonKey Person, ChatAddress Chat, LocalTime LocalTime, LocalDate NextLocalDate, Instant NextDue)
{
    /// <summary>Send attempts for <see cref="NextLocalDate"/> so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Set just before a send and cleared after it: found set after a crash, it means "send again".</summary>
    public LocalDate? SendingDate { get; init; }

    /// <summary>The last local date a nudge went out: never a second one that day, even after the time is changed.</summary>
    public LocalDate? LastSentDate { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The language the person was spoken to in when they set it (<c>en</c>, <c>zh</c>; null: English). A language they
    /// chose with <c>/language</c> since wins (<see cref="People.PersonCultures.CultureOfAsync(PersonKey, string?, CancellationToken)"/>).
    /// </summary>
    public string? Language { get; init; }

    /// <summary>Why the reminder stopped by itself (the person blocked the bot), when it did.</summary>
    public string? DisabledReason { get; init; }
}

/// <summary>One reminder per person, found by due time like subscriptions.</summary>
public interface IReminderStore
{
    Task<Reminder?> GetAsync(PersonKey person, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the person's reminder.</summary>
    Task SaveAsync(Reminder reminder, CancellationToken cancellationToken);

    /// <summary>Enabled reminders due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<Reminder>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest enabled due time after <paramref name="now"/>, or null.</summary>
    Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken);

    /// <summary>Deletes the person's reminder (also what <c>/remind off</c> does); returns the number of rows deleted.</summary>
    Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken);
}

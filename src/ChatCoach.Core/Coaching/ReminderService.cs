using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using NodaTime;

namespace ChatCoach.Core.Coaching;

/// <summary>Sets and clears reminders for <c>/remind</c>; <see cref="ReminderRunner"/> sends them.</summary>
public sealed class ReminderService(IReminderStore store, PersonClock clock)
{
    /// <summary>
    /// Sets (or moves) the reminder to <paramref name="time"/>, sent to <paramref name="chat"/> in <paramref name="language"/>
    /// (the person's language when they set it; null is English). Returns it.
    /// </summary>
    public async Task<Reminder> SetAsync(PersonKey person, ChatAddress chat, LocalTime time, CancellationToken cancellationToken, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(chat);
        var (_, zone) = await clock.ZoneOfAsync(person, cancellationToken);
        var existing = await store.GetAsync(person, cancellationToken);
        var (date, due) = PostTimes.NextAfter(clock.Now, time, zone);
        if (existing?.LastSentDate is { } sent && date <= sent)
        {
            // Already nudged today: a new time applies from tomorrow (at most one a day).
            date = sent.PlusDays(1);
            due = PostTimes.DueAt(date, time, zone);
        }

        var reminder = new Reminder(person, chat, time, date, due) { LastSentDate = existing?.LastSentDate, Language = language };
        await store.SaveAsync(reminder, cancellationToken);
        return reminder;
    }

    /// <summary>Removes the reminder; false when none was set.</summary>
    public async Task<bool> OffAsync(PersonKey person, CancellationToken cancellationToken) =>
        await store.DeletePersonAsync(person, cancellationToken) > 0;

    public Task<Reminder?> GetAsync(PersonKey person, CancellationToken cancellationToken) => store.GetAsync(person, cancellationToken);
}

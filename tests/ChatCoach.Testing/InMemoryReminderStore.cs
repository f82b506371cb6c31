using System.Collections.Concurrent;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Testing;

/// <summary>Reminders in memory with the LiteDB store's semantics: one per person, disabled ones never due.</summary>
public sealed class InMemoryReminderStore : IReminderStore
{
    private readonly ConcurrentDictionary<PersonKey, Reminder> _reminders = new();

    public Task<Reminder?> GetAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_reminders.TryGetValue(person, out var reminder) ? reminder : null);

    public Task SaveAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        _reminders[reminder.Person] = reminder;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Reminder>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Reminder>>([.. _reminders.Values
            .Where(r => r.Enabled && r.NextDue <= now)
            .OrderBy(r => r.NextDue)
            .Skip(skip)
            .Take(limit)]);

    public Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken)
    {
        var next = _reminders.Values.Where(r => r.Enabled && r.NextDue > now && r.NextDue != Instant.MaxValue).Select(r => (Instant?)r.NextDue).Min();
        return Task.FromResult(next);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken) =>
        Task.FromResult(_reminders.TryRemove(person, out _) ? 1 : 0);
}

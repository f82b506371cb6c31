using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using LiteDB;
using NodaTime;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Reminders in the <c>reminders</c> collection, one per person (id <c>platform|user</c>). The next-due instant is
/// Unix milliseconds with an index, so the due scan is an index range query; disabled rows hold <see cref="long.MaxValue"/>.
/// </summary>
public sealed class LiteDbReminderStore : IReminderStore
{
    internal const string CollectionName = "reminders";

    private readonly ChatCoachDatabase _database;

    public LiteDbReminderStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    internal static void EnsureIndexes(LiteDatabase database) =>
        database.GetCollection<ReminderRow>(CollectionName).EnsureIndex(r => r.NextDueMs);

    public Task<Reminder?> GetAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Read(db => Rows(db).FindById(StorageKeys.Person(person)))?.ToReminder());
    }

    public Task SaveAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var row = ReminderRow.From(reminder);
        _database.Write(db => Rows(db).Upsert(row));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Reminder>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken)
    {
        var rows = _database.Read(db => Rows(db).Query()
            .Where(Query.LTE(nameof(ReminderRow.NextDueMs), now.ToUnixTimeMilliseconds()))
            .OrderBy(r => r.NextDueMs)
            .Skip(skip)
            .Limit(limit)
            .ToList());
        return Task.FromResult<IReadOnlyList<Reminder>>([.. rows.Where(r => r.Enabled).Select(r => r.ToReminder())]);
    }

    public Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken)
    {
        var next = _database.Read(db => Rows(db).Query()
            .Where(Query.And(
                Query.GT(nameof(ReminderRow.NextDueMs), now.ToUnixTimeMilliseconds()),
                Query.LT(nameof(ReminderRow.NextDueMs), long.MaxValue)))
            .OrderBy(r => r.NextDueMs)
            .Limit(1)
            .ToList()
            .FirstOrDefault());
        return Task.FromResult(next is null ? (Instant?)null : Instant.FromUnixTimeMilliseconds(next.NextDueMs));
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Write(db => Rows(db).Delete(StorageKeys.Person(person)) ? 1 : 0));
    }

    private static ILiteCollection<ReminderRow> Rows(LiteDatabase db) => db.GetCollection<ReminderRow>(CollectionName);

    internal sealed class ReminderRow
    {
        public string Id { get; set; } = "";

        public string ChatPlatform { get; set; } = "";

        public string ChatId { get; set; } = "";

        public string? ServerId { get; set; }

        public int LocalMinutes { get; set; }

        public string NextLocalDate { get; set; } = "";

        public long NextDueMs { get; set; }

        public int Attempts { get; set; }

        public string? SendingDate { get; set; }

        public string? LastSentDate { get; set; }

        public bool Enabled { get; set; }

        public string? DisabledReason { get; set; }

        public string? Language { get; set; }

        public static ReminderRow From(Reminder r) => new()
        {
            Id = StorageKeys.Person(r.Person),
            ChatPlatform = r.Chat.Platform,
            ChatId = r.Chat.ChatId,
            ServerId = r.Chat.ServerId,
            LocalMinutes = (r.LocalTime.Hour * 60) + r.LocalTime.Minute,
            NextLocalDate = StorageKeys.Date(r.NextLocalDate),
            NextDueMs = r.Enabled && r.NextDue != Instant.MaxValue ? r.NextDue.ToUnixTimeMilliseconds() : long.MaxValue,
            Attempts = r.Attempts,
            SendingDate = r.SendingDate is { } sending ? StorageKeys.Date(sending) : null,
            LastSentDate = r.LastSentDate is { } sent ? StorageKeys.Date(sent) : null,
            Enabled = r.Enabled,
            DisabledReason = r.DisabledReason,
            Language = r.Language,
        };

        public Reminder ToReminder() => new(
            StorageKeys.ParsePerson(Id),
            new ChatAddress(ChatPlatform, ChatId, ServerId),
            new LocalTime(LocalMinutes / 60, LocalMinutes % 60),
            StorageKeys.ParseDate(NextLocalDate),
            NextDueMs == long.MaxValue ? Instant.MaxValue : Instant.FromUnixTimeMilliseconds(NextDueMs))
        {
            Attempts = Attempts,
            SendingDate = SendingDate is { } sending ? StorageKeys.ParseDate(sending) : null,
            LastSentDate = LastSentDate is { } sent ? StorageKeys.ParseDate(sent) : null,
            Enabled = Enabled,
            DisabledReason = DisabledReason,
            Language = Language,
        };
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using LiteDB;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Subscriptions in the <c>subscriptions</c> collection, keyed by "platform:chat". The next-due instant is stored as
/// Unix milliseconds with an index, so the scheduler's due scan is an index range query (disabled rows hold
/// <see cref="long.MaxValue"/> and never fall in the range).
/// </summary>
public sealed class LiteDbSubscriptionStore : ISubscriptionStore
{
    internal const string CollectionName = "subscriptions";

    private readonly ChatCoachDatabase _database;

    public LiteDbSubscriptionStore(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    internal static void EnsureIndexes(LiteDatabase database) =>
        database.GetCollection<SubscriptionRow>(CollectionName).EnsureIndex(r => r.NextDueMs);

    public Task<Subscription?> FindAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read(db => Rows(db).FindById(Subscription.KeyOf(chat)))?.ToSubscription());

    public Task SaveAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var row = SubscriptionRow.From(subscription);
        _database.Write(db => Rows(db).Upsert(row));
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(ChatAddress chat, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Write(db => Rows(db).Delete(Subscription.KeyOf(chat))));

    public Task<IReadOnlyList<Subscription>> FindDueAsync(Instant now, int skip, int limit, CancellationToken cancellationToken)
    {
        var rows = _database.Read(db => Rows(db).Query()
            .Where(Query.LTE(nameof(SubscriptionRow.NextDueMs), now.ToUnixTimeMilliseconds()))
            .OrderBy(r => r.NextDueMs)
            .Skip(skip)
            .Limit(limit)
            .ToList());
        IReadOnlyList<Subscription> due = [.. rows.Where(r => r.Enabled).Select(r => r.ToSubscription())];
        return Task.FromResult(due);
    }

    public Task<Instant?> NextDueAfterAsync(Instant now, CancellationToken cancellationToken)
    {
        var next = _database.Read(db => Rows(db).Query()
            .Where(Query.And(
                Query.GT(nameof(SubscriptionRow.NextDueMs), now.ToUnixTimeMilliseconds()),
                Query.LT(nameof(SubscriptionRow.NextDueMs), long.MaxValue)))
            .OrderBy(r => r.NextDueMs)
            .Limit(1)
            .ToList()
            .FirstOrDefault());
        return Task.FromResult(next is null ? (Instant?)null : Instant.FromUnixTimeMilliseconds(next.NextDueMs));
    }

    public Task<IReadOnlyList<Subscription>> FindCreatedByAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        IReadOnlyList<Subscription> found = _database.Read(db => (IReadOnlyList<Subscription>)[.. Rows(db)
            .Find(r => r.CreatedByPlatform == person.Platform && r.CreatedByUserId == person.UserId)
            .Select(r => r.ToSubscription())]);
        return Task.FromResult(found);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Task.FromResult(_database.Write(db =>
        {
            var rows = Rows(db);
            var changed = 0;
            foreach (var row in rows.Find(r => r.CreatedByPlatform == person.Platform && r.CreatedByUserId == person.UserId).ToList())
            {
                // A subscription of the person's own direct chat goes with them; a group's stays, naming nobody.
                if (row.ToSubscription().IsDirectChatOf(person))
                {
                    rows.Delete(row.Id);
                }
                else
                {
                    row.CreatedByPlatform = Subscription.NoCreator.Platform;
                    row.CreatedByUserId = Subscription.NoCreator.UserId;
                    rows.Update(row);
                }

                changed++;
            }

            return changed;
        }));
    }

    private static ILiteCollection<SubscriptionRow> Rows(LiteDatabase db) => db.GetCollection<SubscriptionRow>(CollectionName);

    internal sealed class SubscriptionRow
    {
        public string Id { get; set; } = "";

        public string Platform { get; set; } = "";

        public string ChatId { get; set; } = "";

        public string? ServerId { get; set; }

        /// <summary>Minutes after local midnight.</summary>
        public int LocalMinutes { get; set; }

        public string? ZoneId { get; set; }

        /// <summary>The thread inside the chat (a Telegram forum topic) posts go to; null for the chat itself.</summary>
        public string? ThreadId { get; set; }

        /// <summary>The language of the posts (en, zh); null (rows written before it existed) is English.</summary>
        public string? Language { get; set; }

        public string? Focus { get; set; }

        public string CreatedByPlatform { get; set; } = "";

        public string CreatedByUserId { get; set; } = "";

        /// <summary>Made in the creator's own direct chat (false in rows saved before this was recorded).</summary>
        public bool Direct { get; set; }

        public long ChangedMs { get; set; }

        public bool Enabled { get; set; }

        public string? DisabledReason { get; set; }

        /// <summary>ISO date (yyyy-MM-dd) of the next post's local day.</summary>
        public string NextLocalDate { get; set; } = "";

        public long NextDueMs { get; set; }

        public static SubscriptionRow From(Subscription s) => new()
        {
            Id = s.Id,
            Platform = s.Chat.Platform,
            ChatId = s.Chat.ChatId,
            ServerId = s.Chat.ServerId,
            ThreadId = s.Chat.ThreadId,
            Language = s.Language,
            LocalMinutes = (s.LocalTime.Hour * 60) + s.LocalTime.Minute,
            ZoneId = s.ZoneId,
            Focus = s.Focus,
            CreatedByPlatform = s.CreatedBy.Platform,
            CreatedByUserId = s.CreatedBy.UserId,
            Direct = s.InDirectChat,
            ChangedMs = s.ChangedAt.ToUnixTimeMilliseconds(),
            Enabled = s.Enabled,
            DisabledReason = s.DisabledReason,
            NextLocalDate = LocalDatePattern.Iso.Format(s.NextLocalDate),
            NextDueMs = s.Enabled && s.NextDue != Instant.MaxValue ? s.NextDue.ToUnixTimeMilliseconds() : long.MaxValue,
        };

        public Subscription ToSubscription() => new()
        {
            Chat = new ChatAddress(Platform, ChatId, ServerId) { ThreadId = ThreadId },
            LocalTime = new LocalTime(LocalMinutes / 60, LocalMinutes % 60),
            ZoneId = ZoneId,
            Focus = Focus,
            Language = Language,
            // LiteDB reads an empty string back as null (a forgotten creator is stored as two empty strings).
            CreatedBy = new PersonKey(CreatedByPlatform ?? "", CreatedByUserId ?? ""),
            InDirectChat = Direct,
            ChangedAt = Instant.FromUnixTimeMilliseconds(ChangedMs),
            Enabled = Enabled,
            DisabledReason = DisabledReason,
            NextLocalDate = LocalDatePattern.Iso.Parse(NextLocalDate).GetValueOrThrow(),
            NextDue = NextDueMs == long.MaxValue ? Instant.MaxValue : Instant.FromUnixTimeMilliseconds(NextDueMs),
        };
    }
}

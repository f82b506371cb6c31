using ChatCoach.Core.DailyPosts;
using LiteDB;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// The delivery log in the <c>deliveries</c> collection. The id "subscription|yyyy-MM-dd" makes it unique per
/// subscription and local date, and the scheduler only ever looks rows up by that id.
/// </summary>
public sealed class LiteDbDeliveryLog : IDeliveryLog
{
    internal const string CollectionName = "deliveries";

    private readonly ChatCoachDatabase _database;

    public LiteDbDeliveryLog(ChatCoachDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Called by <see cref="ChatCoachDatabase"/> when it opens the file.</summary>
    // ISO dates sort as text in date order, so pruning old days is an index range.
    internal static void EnsureIndexes(LiteDatabase database) =>
        database.GetCollection<DeliveryRow>(CollectionName).EnsureIndex(r => r.LocalDate);

    public Task<Delivery?> FindAsync(string subscriptionId, LocalDate localDate, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read(db => Rows(db).FindById(KeyOf(subscriptionId, localDate)))?.ToDelivery());

    public Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var row = new DeliveryRow
        {
            Id = KeyOf(delivery.SubscriptionId, delivery.LocalDate),
            SubscriptionId = delivery.SubscriptionId,
            LocalDate = LocalDatePattern.Iso.Format(delivery.LocalDate),
            Status = delivery.Status.ToString(),
            Attempts = delivery.Attempts,
            UpdatedMs = delivery.UpdatedAt.ToUnixTimeMilliseconds(),
            Reason = delivery.Reason,
        };
        _database.Write(db => Rows(db).Upsert(row));
        return Task.CompletedTask;
    }

    public Task<int> DeleteBeforeAsync(LocalDate cutoff, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Write(db => Rows(db).DeleteMany(Query.LT(nameof(DeliveryRow.LocalDate), LocalDatePattern.Iso.Format(cutoff)))));

    private static ILiteCollection<DeliveryRow> Rows(LiteDatabase db) => db.GetCollection<DeliveryRow>(CollectionName);

    private static string KeyOf(string subscriptionId, LocalDate date) => $"{subscriptionId}|{LocalDatePattern.Iso.Format(date)}";

    internal sealed class DeliveryRow
    {
        public string Id { get; set; } = "";

        public string SubscriptionId { get; set; } = "";

        public string LocalDate { get; set; } = "";

        public string Status { get; set; } = "";

        public int Attempts { get; set; }

        public long UpdatedMs { get; set; }

        public string? Reason { get; set; }

        public Delivery ToDelivery() => new(
            SubscriptionId,
            LocalDatePattern.Iso.Parse(LocalDate).GetValueOrThrow(),
            Enum.Parse<DeliveryStatus>(Status),
            Attempts,
            Instant.FromUnixTimeMilliseconds(UpdatedMs),
            Reason);
    }
}

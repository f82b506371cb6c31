using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ChatCoach.Tests.Reliability;

/// <summary>
/// A backup taken by the running host in the middle of a 500-post fan-out (other sends writing their delivery records
/// meanwhile), restored and resumed: the copy is consistent, so every chat is posted exactly once across the two runs.
/// </summary>
public sealed class BackupDuringFanOutTests : IDisposable
{
    private const int Subscriptions = 500;
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-backup-fanout-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Backup_MidFanOut_RestoredCopyResumesWithEveryChatPostedOnce()
    {
        var path = Path.Combine(_directory, "chatcoach.db");
        var backup = Path.Combine(_directory, "mid-fan-out.db");
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 6, 59, 0, TimeSpan.Zero));
        var sender = new BackupTakingSender(backupAt: 150, backup);
        using (var host = SchedulerHost.Build(path, clock, sender, maxParallelSends: 8))
        {
            sender.Database = host.Services.GetRequiredService<ChatCoachDatabase>();
            var store = host.Services.GetRequiredService<ISubscriptionStore>();
            for (var i = 0; i < Subscriptions; i++)
            {
                await store.SaveAsync(Due(i), CancellationToken.None);
            }

            await host.StartAsync();
            await clock.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 7, 5, 0, TimeSpan.Zero));
            await host.StopAsync();
            clock.SchedulerStopped();
        }

        Assert.Null(sender.BackupError);
        Assert.Equal(Subscriptions, sender.Sent.Distinct().Count());

        // What the backup holds: some chats recorded as sent, the rest still to post.
        var restored = Path.Combine(_directory, "restored", "chatcoach.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        DatabaseBackup.Restore(restored, backup, DateTimeOffset.UtcNow);
        HashSet<string> sentInBackup;
        using (var database = new ChatCoachDatabase(restored))
        {
            sentInBackup = [.. database.Database.GetCollection("deliveries").FindAll()
                .Where(d => d["Status"].AsString == nameof(DeliveryStatus.Sent))
                .Select(d => d["SubscriptionId"].AsString)];

            // Never a subscription moved on to tomorrow without its post recorded as sent.
            var advanced = database.Database.GetCollection("subscriptions").FindAll()
                .Where(d => d["NextLocalDate"].AsString == "2026-11-24")
                .Select(d => d["_id"].AsString);
            Assert.All(advanced, id => Assert.Contains(id, sentInBackup));
        }

        Assert.InRange(sentInBackup.Count, 1, Subscriptions - 1);

        var recording = new RecordingSender(clock);
        using (var resumed = SchedulerHost.Build(restored, clock, recording, maxParallelSends: 8))
        {
            await resumed.StartAsync();
            await clock.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 7, 10, 0, TimeSpan.Zero));
            await resumed.StopAsync();
        }

        var resumedChats = recording.Sent.Select(p => Subscription.KeyOf(p.Chat)).ToList();
        Assert.Equal(resumedChats.Count, resumedChats.Distinct().Count());
        Assert.Empty(resumedChats.Intersect(sentInBackup));
        Assert.Equal(Subscriptions, resumedChats.Count + sentInBackup.Count);
    }

    private static Subscription Due(int i) => new()
    {
        Chat = new ChatAddress("telegram", "chat-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey("telegram", "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        NextLocalDate = new LocalDate(2026, 11, 23),
        NextDue = Instant.FromUtc(2026, 11, 23, 7, 0),
    };

    /// <summary>Sends everything; the <c>backupAt</c>-th send asks the host's database for a backup while the other slots keep posting.</summary>
    private sealed class BackupTakingSender(int backupAt, string target) : IChatSender
    {
        private int _count;

        public ChatCoachDatabase? Database { get; set; }

        public ConcurrentQueue<string> Sent { get; } = new();

        public Exception? BackupError { get; private set; }

        public string Platform => "telegram";

        public Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _count) == backupAt)
            {
                try
                {
                    Database!.BackupTo(target);
                }
#pragma warning disable CA1031 // Reported by the test's assertion.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    BackupError = ex;
                }
            }

            Sent.Enqueue(chat.ChatId);
            return Task.FromResult(SendOutcome.Sent);
        }
    }
}

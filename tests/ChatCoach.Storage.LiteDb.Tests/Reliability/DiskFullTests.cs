using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.LiteDb.Tests.Fakes;
using ChatCoach.Testing;
using NodaTime;
using Xunit.Abstractions;

namespace ChatCoach.Storage.LiteDb.Tests.Reliability;

/// <summary>
/// A real LiteDB file on a small tmpfs that is filled up and freed again. Needs permission to mount; without it the
/// test says so in its output and passes without checking (xunit 2 has no runtime skip).
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IDisposable
{
    private static readonly ChatAddress Chat = new("telegram", "-100");
    private readonly string _mount = Directory.CreateTempSubdirectory("chatcoach-full-").FullName;
    private bool _mounted;

    public void Dispose()
    {
        // LiteDB's transaction finalizer throws for transactions its failed engine left half-disposed; this would crash
        // the test host (and a bot) if the failed engine could be collected.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (_mounted)
        {
            // Lazy: the engine LiteDB closed after the failed write may still hold its handles (its writer thread never closes them).
            Tmpfs.Unmount(_mount);
        }

        Directory.Delete(_mount, recursive: true);
    }

    [Fact]
    public async Task Write_DiskFull_AnswersStorageFullKeepsDataAndRecoversWhenSpaceIsBack()
    {
        if (!TryMount("16m", out var why))
        {
            output.WriteLine($"SKIPPED: cannot mount a tmpfs for the disk-full test ({why})");
            return;
        }

        var path = Path.Combine(_mount, "chatcoach.db");
        var database = new ChatCoachDatabase(path);
        var completions = new LiteDbCompletionStore(database);
        var summaries = new LiteDbStreakSummaryStore(database);
        var before = new PersonKey("telegram", "before");
        Assert.True(await completions.TryAddAsync(Done(before), Summary(before), CancellationToken.None));

        // Fill the disk to the last byte.
        var filler = Path.Combine(_mount, "filler");
        await Tmpfs.FillAsync(filler);

        var failed = new PersonKey("telegram", "failed");
        var full = await Assert.ThrowsAsync<StorageFullException>(async () =>
        {
            // Writes of growing size until one can't find room (a page or two may still fit in LiteDB's log).
            for (var i = 0; i < 200; i++)
            {
                await completions.TryAddAsync(Done(failed, i), Summary(failed), CancellationToken.None);
            }
        });
        Assert.Contains("nothing saved before was lost", full.Message, StringComparison.Ordinal);

        // Reads go on while the disk is full, and what was saved before is there.
        Assert.Single(await completions.GetAllDatesAsync(before, CancellationToken.None));
        Assert.NotNull(await summaries.FindAsync(before, CancellationToken.None));
        await Assert.ThrowsAsync<StorageFullException>(() => completions.TryAddAsync(Done(new PersonKey("telegram", "still-full")), Summary(new PersonKey("telegram", "still-full")), CancellationToken.None));

        // Space comes back: the same instance writes again, no restart.
        File.Delete(filler);
        var after = new PersonKey("telegram", "after");
        Assert.True(await completions.TryAddAsync(Done(after), Summary(after), CancellationToken.None));

        // Nothing half-applied: every completion that was counted has its summary written in the same transaction.
        database.Dispose();
        using var reopened = new ChatCoachDatabase(path);
        var rows = reopened.Database.GetCollection("completions").FindAll().Select(d => d["Person"].AsString).ToList();
        var summaryIds = reopened.Database.GetCollection("streak_summaries").FindAll().Select(d => d["_id"].AsString).ToHashSet();
        Assert.Contains("telegram|before", rows);
        Assert.Contains("telegram|after", rows);
        Assert.All(rows, person => Assert.Contains(person, summaryIds));
    }

    [Fact]
    public async Task Router_DiskFull_RepliesStorageIsFullNothingWasLost()
    {
        if (!TryMount("16m", out var why))
        {
            output.WriteLine($"SKIPPED: cannot mount a tmpfs for the disk-full test ({why})");
            return;
        }

        using var harness = new StreakHarness(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), _mount);
        Assert.NotEqual(ReplyKinds.Error, (await harness.CommandAsync(Messages.TelegramDoneButton("1", "Ann"))).Kind);
        var filler = Path.Combine(_mount, "filler");
        await Tmpfs.FillAsync(filler);

        Reply? reply = null;
        for (var i = 2; i < 200 && reply?.Kind != ReplyKinds.Error; i++)
        {
            reply = await harness.CommandAsync(Messages.TelegramDoneButton(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"P{i}"));
        }

        var text = PlainTextRenderer.Render(reply!);
        Assert.Contains("Storage is full, nothing was lost", text, StringComparison.Ordinal);
        File.Delete(filler);
        Assert.NotEqual(ReplyKinds.Error, (await harness.CommandAsync(Messages.TelegramDoneButton("999", "Zed"))).Kind);
    }

    private static Completion Done(PersonKey person, int padding = 0) =>
        new(person, new LocalDate(2026, 3, 10).PlusDays(padding), Chat with { ChatId = new string('c', 1 + (padding * 40)) }, Instant.FromUtc(2026, 3, 10, 12, 0));

    private static StreakSummary Summary(PersonKey person) => new(person, new string('n', 60), null, StreakRules.Fold([new LocalDate(2026, 3, 10)]));

    private bool TryMount(string size, out string why)
    {
        _mounted = Tmpfs.TryMount(_mount, size, out why);
        return _mounted;
    }
}

using System.Collections.Concurrent;
using ChatCoach.Telegram.Receiving;

namespace ChatCoach.Telegram.Tests.Receiving;

public sealed class UpdateTrackerTests
{
    [Fact]
    public void Committed_WhenUpdatesFinishOutOfOrder_StaysAtLowestUnfinished()
    {
        var tracker = new UpdateTracker(10);
        Assert.All(new long[] { 10, 11, 12 }, id => Assert.True(tracker.TryStart(id)));

        tracker.Finish(12);
        tracker.Finish(11);
        var whileTenRuns = tracker.Committed;
        tracker.Finish(10);

        Assert.Equal(10, whileTenRuns);
        Assert.Equal(13, tracker.Committed);
    }

    [Fact]
    public void TryStart_UpdateSeenBefore_IsRefused()
    {
        var tracker = new UpdateTracker(0);
        Assert.True(tracker.TryStart(5));

        Assert.False(tracker.TryStart(5));
        Assert.False(tracker.TryStart(3));
        Assert.Equal(5, tracker.Committed);
    }

    [Fact]
    public async Task WaitForProgress_CompletesWhenAnUpdateFinishes()
    {
        var tracker = new UpdateTracker(1);
        tracker.TryStart(1);
        var version = tracker.Version;

        var wait = tracker.WaitForProgressAsync(version, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        tracker.Finish(1);
        await wait;

        Assert.True(tracker.WaitForProgressAsync(version, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task ChatPartitioner_ManyChats_KeepsEachChatInOrderWithinParallelLimit()
    {
        var seen = new ConcurrentDictionary<long, ConcurrentQueue<int>>();
        var running = 0;
        var maxRunning = 0;
        using var partitioner = new ChatPartitioner<(long Chat, int N)>(3, async (item, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Yield();
            seen.GetOrAdd(item.Chat, _ => new()).Enqueue(item.N);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        for (var n = 0; n < 50; n++)
        {
            for (var chat = 0L; chat < 10; chat++)
            {
                partitioner.Post(chat, (chat, n));
            }
        }

        while (seen.Values.Sum(q => q.Count) < 500)
        {
            await partitioner.WhenIdleAsync();
        }

        Assert.All(seen.Values, q => Assert.Equal(Enumerable.Range(0, 50), q));
        Assert.InRange(maxRunning, 1, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

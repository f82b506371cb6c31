using LiteDB;

namespace ChatCoach.Storage.LiteDb.Tests.Reliability;

/// <summary>
/// Shutdown disposing the database while a write is in flight and another operation queues behind the dispose (the
/// host's FanOutRestart / BackupDuringFanOut flake: SynchronizationLockException from the disposed gate). Each step
/// waits for the state it needs (a callback entered, a thread queued on the gate); no sleeps.
/// </summary>
public sealed class DisposeRaceTests : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-dispose-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Dispose_WhileAWriteIsInFlightAndAReadQueuesBehindIt_TheWriteIsKept_TheReadRefused_NoLockError()
    {
        var path = Path.Combine(_directory, "chatcoach.db");
        var database = new ChatCoachDatabase(path);
        using var writing = new ManualResetEventSlim();
        using var finishWriting = new ManualResetEventSlim();

        var write = Task.Run(() => database.Write(db =>
        {
            writing.Set();
            finishWriting.Wait(SafetyNet);
            db.GetCollection("probe").Insert(new BsonDocument { ["_id"] = "kept" });
        }));
        Assert.True(writing.Wait(SafetyNet), "the write started");

        var dispose = Task.Run(database.Dispose);
        Assert.True(SpinWait.SpinUntil(() => database.WaitingOnGate == 1, SafetyNet), "dispose waits for the write");
        var late = Task.Run(() => database.Read(db => db.GetCollection("probe").Count()));
        Assert.True(SpinWait.SpinUntil(() => database.WaitingOnGate == 2, SafetyNet), "the late read queued behind the dispose");

        finishWriting.Set();
        await write.WaitAsync(SafetyNet);
        await dispose.WaitAsync(SafetyNet);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => late.WaitAsync(SafetyNet));
        Assert.Throws<ObjectDisposedException>(() => database.Read(db => db.GetCollection("probe").Count()));
        database.Dispose(); // a second dispose is harmless

        using var reopened = new ChatCoachDatabase(path);
        Assert.Equal(1, reopened.Read(db => db.GetCollection("probe").Count()));
    }

    [Fact]
    public async Task Dispose_TwoAtOnceWithAReadInFlight_BothReturn_TheReadFinishes()
    {
        var path = Path.Combine(_directory, "chatcoach.db");
        var database = new ChatCoachDatabase(path);
        database.Write(db => db.GetCollection("probe").Insert(new BsonDocument { ["_id"] = "one" }));
        using var reading = new ManualResetEventSlim();
        using var finishReading = new ManualResetEventSlim();

        var read = Task.Run(() => database.Read(db =>
        {
            reading.Set();
            finishReading.Wait(SafetyNet);
            return db.GetCollection("probe").Count();
        }));
        Assert.True(reading.Wait(SafetyNet), "the read started");
        var first = Task.Run(database.Dispose);
        var second = Task.Run(database.Dispose);
        Assert.True(SpinWait.SpinUntil(() => database.WaitingOnGate == 2, SafetyNet), "both disposes wait for the read");

        finishReading.Set();

        Assert.Equal(1, await read.WaitAsync(SafetyNet));
        await Task.WhenAll(first, second).WaitAsync(SafetyNet);
        using var reopened = new ChatCoachDatabase(path); // the file's lock was released once
        Assert.Equal(1, reopened.Read(db => db.GetCollection("probe").Count()));
    }
}

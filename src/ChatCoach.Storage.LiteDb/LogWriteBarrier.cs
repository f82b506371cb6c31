using System.Diagnostics;
using System.Reflection;
using LiteDB.Engine;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Waits until LiteDB's background writer has put every committed page into the log file, and surfaces its failure.
/// </summary>
/// <remarks>
/// LiteDB 5 returns from a commit before its pages are written (a background queue writes the log), so a disk that is
/// full would fail the write after the caller was told it was saved, and LiteDB's own wait never returns once that
/// writer has died. LiteDB exposes neither, so this reads three private members of the pinned version (5.0.x:
/// <c>LiteEngine._disk</c>, <c>DiskService.Queue</c>, <c>DiskWriterQueue._queueIsEmpty/_exception</c>); a test checks
/// they are there, and without them the barrier falls back to LiteDB's public checkpoint.
/// </remarks>
internal sealed class LogWriteBarrier
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
    private static readonly FieldInfo? DiskField = typeof(LiteEngine).GetField("_disk", Private);
    private static readonly PropertyInfo? QueueProperty = DiskField?.FieldType.GetProperty("Queue", Private);

    private readonly object? _lazyQueue;
    private readonly PropertyInfo? _isValueCreated;
    private readonly PropertyInfo? _value;
    private FieldInfo? _isEmptyField;
    private FieldInfo? _exceptionField;

    public LogWriteBarrier(LiteEngine engine)
    {
        _lazyQueue = DiskField?.GetValue(engine) is { } disk ? QueueProperty?.GetValue(disk) : null;
        _isValueCreated = _lazyQueue?.GetType().GetProperty("IsValueCreated");
        _value = _lazyQueue?.GetType().GetProperty("Value");
    }

    /// <summary>True when LiteDB's internals are the ones this barrier reads.</summary>
    public bool IsAvailable => _lazyQueue is not null && _isValueCreated is not null && _value is not null;

    /// <summary>Returns once the queue is empty; throws the writer's exception if it failed; false if it can't tell.</summary>
    public bool Wait(TimeSpan limit)
    {
        if (!IsAvailable)
        {
            return false;
        }

        if (_isValueCreated!.GetValue(_lazyQueue) is not true)
        {
            return true; // nothing was ever queued
        }

        var queue = _value!.GetValue(_lazyQueue)!;
        _isEmptyField ??= queue.GetType().GetField("_queueIsEmpty", Private);
        _exceptionField ??= queue.GetType().GetField("_exception", Private);
        if (_isEmptyField?.GetValue(queue) is not ManualResetEventSlim isEmpty || _exceptionField is null)
        {
            return false;
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_exceptionField.GetValue(queue) is Exception failed)
            {
                throw new IOException(failed.Message, failed);
            }

            // Polled, because a writer that failed never sets "empty" again.
            if (isEmpty.Wait(TimeSpan.FromMilliseconds(20)))
            {
                if (_exceptionField.GetValue(queue) is Exception late)
                {
                    throw new IOException(late.Message, late);
                }

                return true;
            }

            if (clock.Elapsed > limit)
            {
                throw new IOException($"the database log was not written within {limit.TotalSeconds:0} s");
            }
        }
    }
}

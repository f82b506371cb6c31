namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// LiteDB's log file (<c>name-log.db</c>), handed to LiteDB as its log stream so that the flush to disk is ours: one
/// fsync per commit, taken before the commit is acknowledged.
/// </summary>
/// <remarks>
/// Measured (strace, 2,215 MiB file, lone Done presses): LiteDB 5.0.20's log writer fsyncs every time its queue runs
/// dry, and a commit queues its pages one by one, so a Done of ~8 pages paid ~8 fsyncs in a row (0.3 ms each) and was
/// still answered before the last one (the writer reports "empty" before it flushes). Here LiteDB's flush only marks
/// the file as written; <see cref="FlushToDisk"/>, called by <see cref="ChatCoachDatabase.Write{T}"/> once the writer
/// has drained, fsyncs once for everything written so far. LiteDB's checkpoint still flushes the data file itself
/// before it empties this log. Every operation locks this object, the lock LiteDB's own stream wrapper takes around
/// position and read/write, so the fsync never runs in the middle of a page write.
/// </remarks>
internal sealed class DurableLogStream : Stream
{
    private readonly FileStream _file;
    private long _writes;
    private long _synced;
    private long _syncs;
    private bool _closed;

    public DurableLogStream(string path)
    {
        // Unbuffered: a written page is in the OS at once, so deferring the flush defers only the fsync.
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0, FileOptions.RandomAccess);
        Path = path;
    }

    public string Path { get; }

    /// <summary>fsyncs made (tests count them).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>True when something was written since the last fsync.</summary>
    public bool HasUnsyncedWrites
    {
        get
        {
            lock (this)
            {
                return _writes != _synced;
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length
    {
        get
        {
            lock (this)
            {
                return _file.Length;
            }
        }
    }

    public override long Position
    {
        get
        {
            lock (this)
            {
                return _file.Position;
            }
        }

        set
        {
            lock (this)
            {
                _file.Position = value;
            }
        }
    }

    /// <summary>fsyncs when anything was written since the last one; concurrent callers share one.</summary>
    public void FlushToDisk()
    {
        lock (this)
        {
            if (_closed || _writes == _synced)
            {
                return;
            }

            var through = _writes;
            _file.Flush(flushToDisk: true);
            _synced = through;
            Interlocked.Increment(ref _syncs);
        }
    }

    /// <summary>LiteDB's flush (its writer calls it each time its queue is empty): the fsync waits for <see cref="FlushToDisk"/>.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        lock (this)
        {
            return _file.Read(buffer, offset, count);
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        lock (this)
        {
            return _file.Seek(offset, origin);
        }
    }

    public override void SetLength(long value)
    {
        lock (this)
        {
            _file.SetLength(value);
            _writes++;
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (this)
        {
            _file.Write(buffer, offset, count);
            _writes++;
        }
    }

    /// <summary>LiteDB's reader wrappers dispose this stream when they go; only <see cref="Close(bool)"/> closes the file.</summary>
    protected override void Dispose(bool disposing) => base.Dispose(disposing);

    /// <summary>Flushes and closes the file; with <paramref name="deleteIfEmpty"/> removes it when LiteDB left it empty, as LiteDB does with its own log.</summary>
    public void Close(bool deleteIfEmpty)
    {
        lock (this)
        {
            if (_closed)
            {
                return;
            }

            var empty = _file.Length == 0;
            try
            {
                _file.Flush(flushToDisk: true);
            }
            finally
            {
                _closed = true;
                _file.Dispose();
            }

            if (deleteIfEmpty && empty)
            {
                File.Delete(Path);
            }
        }
    }
}

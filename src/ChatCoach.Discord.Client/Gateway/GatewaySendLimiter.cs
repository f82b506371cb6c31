namespace ChatCoach.Discord.Client;

/// <summary>
/// Discord closes a connection that sends more than 120 payloads in 60 s. Ordinary payloads wait for room in the
/// window; heartbeats, IDENTIFY and RESUME go at once (they keep the connection alive) but still count.
/// </summary>
internal sealed class GatewaySendLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();

    public async Task WaitAsync(bool urgent, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_sent.Count > 0 && _sent.Peek() <= now - window)
                {
                    _sent.Dequeue();
                }

                if (urgent || _sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }

                wait = _sent.Peek() + window - now;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }
}

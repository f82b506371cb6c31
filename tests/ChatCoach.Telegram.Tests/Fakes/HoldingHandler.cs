namespace ChatCoach.Telegram.Tests.Fakes;

/// <summary>
/// Sits between the real Telegram.Bot client and the double and can hold the next <c>sendMessage</c> request on its
/// way there until the test releases it: a request that is slow to reach Telegram while the clock moves on.
/// </summary>
public sealed class HoldingHandler : DelegatingHandler
{
    private TaskCompletionSource? _armed;
    private int _held;

    public HoldingHandler()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>Requests being held right now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Holds the next sendMessage until the returned source is completed.</summary>
    public TaskCompletionSource HoldNextSend()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, gate);
        return gate;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri?.AbsolutePath.EndsWith("/sendMessage", StringComparison.OrdinalIgnoreCase) == true
            && Interlocked.Exchange(ref _armed, null) is { } gate)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

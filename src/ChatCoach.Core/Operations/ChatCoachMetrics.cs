using System.Diagnostics.Metrics;

namespace ChatCoach.Core.Operations;

/// <summary>
/// Every instrument the bot records, defined once so the names, units and tags stay consistent across the core, the
/// adapters and the stores. Plain <see cref="System.Diagnostics.Metrics"/>: the host decides how they are exported.
/// </summary>
/// <remarks>
/// Tags are low-cardinality on purpose (platform, kind, outcome): never a chat id or a person, which would make every
/// chat its own series and put people's identifiers into the metrics store.
/// </remarks>
public sealed class ChatCoachMetrics : IDisposable
{
    /// <summary>The meter's name; an exporter subscribes to it.</summary>
    public const string MeterName = "ChatCoach";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _answered;
    private readonly Histogram<double> _replyDuration;
    private readonly Counter<long> _adviceDecisions;
    private readonly Counter<long> _sends;
    private readonly Counter<long> _rateLimited;
    private readonly Histogram<double> _fanOutLag;
    private readonly Counter<long> _gatewayReconnects;
    private readonly Counter<long> _databaseErrors;
    private readonly UpDownCounter<long> _pollers;

    /// <summary>With a factory (the host's), the meter is scoped to that container; without one it is a private meter.</summary>
    public ChatCoachMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("chatcoach.messages.received", "{message}", "Messages that reached the router, by platform.");
        _answered = _meter.CreateCounter<long>("chatcoach.messages.answered", "{message}", "Messages the bot answered, by platform.");
        _replyDuration = _meter.CreateHistogram<double>(
            "chatcoach.reply.duration",
            "s",
            "Time from a message reaching the router to its reply being ready, by platform.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _adviceDecisions = _meter.CreateCounter<long>("chatcoach.advice.decisions", "{decision}", "Answers to questions, by kind (advice, urgent, off-topic, fallback).");
        _sends = _meter.CreateCounter<long>("chatcoach.sends", "{request}", "Requests that send a message to a platform, by platform and outcome.");
        _rateLimited = _meter.CreateCounter<long>("chatcoach.sends.rate_limited", "{response}", "429 answers from a platform, by platform.");
        _fanOutLag = _meter.CreateHistogram<double>(
            "chatcoach.fanout.lag",
            "s",
            "Time from a daily post's due time to its successful send, by platform.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 3600] });
        _gatewayReconnects = _meter.CreateCounter<long>("chatcoach.gateway.reconnects", "{reconnect}", "Gateway or long-poll connections re-established after a drop, by platform.");
        _pollers = _meter.CreateUpDownCounter<long>("chatcoach.poller.active", "{instance}", "1 while this instance is the elected long poller of a platform (0 on a standby), by platform.");
        _databaseErrors = _meter.CreateCounter<long>("chatcoach.database.errors", "{error}", "Database operations that failed (full, unavailable, other), by kind.");
    }

    /// <summary>The meter itself, so a test can tell this host's instruments from another's.</summary>
    public Meter Meter => _meter;

    public void MessageReceived(string platform) => _received.Add(1, Tag("platform", platform));

    public void MessageAnswered(string platform, TimeSpan duration)
    {
        _answered.Add(1, Tag("platform", platform));
        _replyDuration.Record(duration.TotalSeconds, Tag("platform", platform));
    }

    public void AdviceDecision(string kind) => _adviceDecisions.Add(1, Tag("kind", kind));

    /// <summary>One send request and how it ended: <c>sent</c>, <c>rate_limited</c>, <c>temporary</c> or <c>permanent</c>.</summary>
    public void Send(string platform, string outcome) =>
        _sends.Add(1, Tag("platform", platform), Tag("outcome", outcome));

    public void RateLimited(string platform) => _rateLimited.Add(1, Tag("platform", platform));

    public void FanOutLag(string platform, TimeSpan lag) =>
        _fanOutLag.Record(Math.Max(0, lag.TotalSeconds), Tag("platform", platform));

    public void GatewayReconnect(string platform) => _gatewayReconnects.Add(1, Tag("platform", platform));

    /// <summary>This instance became (true) or stopped being (false) the one that long-polls the platform.</summary>
    public void Polling(string platform, bool polling) => _pollers.Add(polling ? 1 : -1, Tag("platform", platform));

    public void DatabaseError(string kind) => _databaseErrors.Add(1, Tag("kind", kind));

    public void Dispose()
    {
        // A factory's meters are disposed with the factory (the container); only a private meter is ours to end.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}

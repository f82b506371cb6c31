using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ChatCoach.Telegram;

/// <summary>
/// Telegram:* settings. The adapter runs only when <see cref="Token"/> is set. The rate limits default to the
/// published Bot API limits (30 messages/second overall, 1/second per chat, 20/minute per group).
/// </summary>
public sealed partial class TelegramOptions : IValidatableObject
{
    public const string SectionName = "Telegram";

    /// <summary>The token from BotFather; never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The Bot API server; a local Bot API server or a test double may replace it.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>How long one getUpdates long poll waits on the server (whole seconds, at most 50).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failed getUpdates (or start-up call); doubles up to <see cref="ReceiveBackoffMax"/>.</summary>
    public TimeSpan ReceiveBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReceiveBackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Several instances on one PostgreSQL database: how often a standby tries to become the long poller, and how
    /// often the poller checks that it still is (so a standby takes over within about this after the poller dies).
    /// </summary>
    public TimeSpan PollerElectionInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Updates handled at the same time; one chat's updates are always handled in order.</summary>
    [Range(1, 256, ErrorMessage = "Telegram:MaxParallelUpdates must be between 1 and 256.")]
    public int MaxParallelUpdates { get; set; } = 8;

    /// <summary>Messages per second to all chats together (Telegram: about 30).</summary>
    [Range(1, 10_000, ErrorMessage = "Telegram:MessagesPerSecond must be between 1 and 10000.")]
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>Least time between two messages to one chat (Telegram: about 1 second).</summary>
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages per minute to one group (Telegram: 20).</summary>
    [Range(1, 10_000, ErrorMessage = "Telegram:GroupMessagesPerMinute must be between 1 and 10000.")]
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>
    /// Added to every rate window. Windows are counted from Telegram's answers, so latency needs no margin; this
    /// covers only clock resolution and how Telegram rounds its windows (with the defaults the bot sends at up to
    /// 99% of 30 messages/second).
    /// </summary>
    public TimeSpan RateSafetyMargin { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Sends in flight at once; enough to keep 30 messages/second going over a slow link.</summary>
    [Range(1, 1_000, ErrorMessage = "Telegram:MaxConcurrentSends must be between 1 and 1000.")]
    public int MaxConcurrentSends { get; set; } = 16;

    /// <summary>Tries of one message after a 5xx or network error before it is reported as a temporary failure.</summary>
    [Range(0, 100, ErrorMessage = "Telegram:SendRetries must be between 0 and 100.")]
    public int SendRetries { get; set; } = 4;

    /// <summary>First wait before retrying a 5xx or network failure; doubles up to <see cref="SendBackoffMax"/>.</summary>
    public TimeSpan SendBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SendBackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many 429 "retry after" answers one message waits through before it is reported as temporary.</summary>
    [Range(0, 1_000, ErrorMessage = "Telegram:MaxRateLimitRetries must be between 0 and 1000.")]
    public int MaxRateLimitRetries { get; set; } = 30;

    /// <summary>How long an administrator check (getChatMember) is remembered for one person in one group.</summary>
    public TimeSpan AdminCacheDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// At stop, how long replies already queued may still be sent before the update offset is saved (the host's
    /// shutdown timeout, Host:ShutdownTimeout, bounds it too). What is not sent by then is answered after the restart.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long one call other than getUpdates (sendMessage, answerCallbackQuery, getChatMember, …) may take before it
    /// is given up as a network failure (and a send retried): one slow call never holds up the rest.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Daily posts to groups and channels arrive without a notification sound (replies to people do notify).</summary>
    public bool SilentGroupPosts { get; set; } = true;

    /// <summary>A message older than this when it is answered (it waited through an outage) gets its answer with a short "sorry, late" line.</summary>
    public TimeSpan LateReplyAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How updates arrive: <see cref="TelegramMode.Polling"/> (getUpdates, one poller among instances) or
    /// <see cref="TelegramMode.Webhook"/> (Telegram pushes them; any instance behind a load balancer takes them).</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Webhook mode: the public https URL Telegram posts updates to (ports 443, 80, 88 or 8443, as Telegram allows).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook mode: where this instance's listener binds, e.g. <c>http://0.0.0.0:8443</c> (TLS ends at the load balancer).</summary>
    public string? WebhookListenUrl { get; set; }

    /// <summary>Webhook mode: the secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c>; never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Webhook mode: connections Telegram may open to the webhook at once (Bot API: 1–100, default 40).</summary>
    [Range(1, 100, ErrorMessage = "Telegram:WebhookMaxConnections must be between 1 and 100.")]
    public int WebhookMaxConnections { get; set; } = 40;

    /// <summary>Webhook mode: updates one instance takes in at once; beyond it an update is answered 503 and Telegram retries.</summary>
    [Range(1, 100_000, ErrorMessage = "Telegram:WebhookMaxPending must be between 1 and 100000.")]
    public int WebhookMaxPending { get; set; } = 1_000;

    /// <summary>Webhook mode: how long a claimed update is another instance's; a claim whose instance died runs out after it.</summary>
    public TimeSpan WebhookLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Webhook mode with several instances: how many run against this bot token (with <see cref="ReplyShare"/>).
    /// Telegram's 30 messages/second is per token, and behind a load balancer every instance answers its own updates.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Telegram:Instances must be between 1 and 64.")]
    public int Instances { get; set; } = 1;

    /// <summary>
    /// Webhook mode with several instances: the fraction of <see cref="MessagesPerSecond"/> each instance that is not
    /// the elected sender of the scheduled posts may use for its replies; the elected one keeps the rest, so together
    /// they stay within the token's limit. Unset: every instance paces at the whole limit (a 429 is honoured).
    /// </summary>
    public double? ReplyShare { get; set; }

    /// <summary>Messages per second for this instance while it is the elected sender (all of them without a share).</summary>
    public int ElectedMessagesPerSecond => ReplyShare is { } share ? (int)Math.Floor(MessagesPerSecond * (1 - (share * (Instances - 1)))) : MessagesPerSecond;

    /// <summary>Messages per second for this instance while another one is the elected sender.</summary>
    public int StandbyMessagesPerSecond => ReplyShare is { } share ? (int)Math.Floor(MessagesPerSecond * share) : MessagesPerSecond;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Token);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Telegram:ApiBaseUrl must be an absolute http(s) URL such as https://api.telegram.org.", [nameof(ApiBaseUrl)]);
        }

        // The token is never echoed: a message naming the key is enough to fix it.
        if (IsEnabled && !TokenShape().IsMatch(Token!.Trim()))
        {
            yield return new ValidationResult("Telegram:Token does not look like a BotFather token (digits, a colon, then letters, digits, '-' or '_').", [nameof(Token)]);
        }

        // Telegram takes whole seconds; under one second getUpdates would turn into a busy short poll.
        if (PollTimeout < TimeSpan.FromSeconds(1) || PollTimeout > TimeSpan.FromSeconds(50))
        {
            yield return new ValidationResult("Telegram:PollTimeout must be between 00:00:01 and 00:00:50.", [nameof(PollTimeout)]);
        }

        foreach (var failure in Positive(ReceiveBackoff, "ReceiveBackoff", TimeSpan.FromHours(1))
            .Concat(Positive(ReceiveBackoffMax, "ReceiveBackoffMax", TimeSpan.FromHours(1)))
            .Concat(Positive(PollerElectionInterval, "PollerElectionInterval", TimeSpan.FromMinutes(5)))
            .Concat(Positive(PerChatInterval, "PerChatInterval", TimeSpan.FromMinutes(10)))
            .Concat(Positive(SendBackoff, "SendBackoff", TimeSpan.FromHours(1)))
            .Concat(Positive(SendBackoffMax, "SendBackoffMax", TimeSpan.FromHours(1)))
            .Concat(Positive(AdminCacheDuration, "AdminCacheDuration", TimeSpan.FromDays(1)))
            .Concat(Positive(DrainTimeout, "DrainTimeout", TimeSpan.FromMinutes(5)))
            .Concat(Positive(CallTimeout, "CallTimeout", TimeSpan.FromMinutes(5)))
            .Concat(Positive(LateReplyAfter, "LateReplyAfter", TimeSpan.FromDays(1))))
        {
            yield return failure;
        }

        foreach (var failure in ValidateWebhook())
        {
            yield return failure;
        }

        foreach (var failure in ValidateReplyShare())
        {
            yield return failure;
        }

        if (RateSafetyMargin < TimeSpan.Zero || RateSafetyMargin > TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Telegram:RateSafetyMargin must be between 00:00:00 and 00:00:01.", [nameof(RateSafetyMargin)]);
        }
    }

    private IEnumerable<ValidationResult> ValidateWebhook()
    {
        if (Mode != TelegramMode.Webhook)
        {
            yield break;
        }

        if (!(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && url.Port is 443 or 80 or 88 or 8443))
        {
            yield return new ValidationResult("Telegram:WebhookUrl must be the public https:// URL Telegram posts updates to, on port 443, 80, 88 or 8443 (Telegram:Mode is Webhook).", [nameof(WebhookUrl)]);
        }

        if (!(Uri.TryCreate(WebhookListenUrl, UriKind.Absolute, out var listen) && (listen.Scheme == Uri.UriSchemeHttp || listen.Scheme == Uri.UriSchemeHttps) && listen.AbsolutePath == "/"))
        {
            yield return new ValidationResult("Telegram:WebhookListenUrl must be a local address with a port and no path, e.g. http://0.0.0.0:8443 (Telegram:Mode is Webhook).", [nameof(WebhookListenUrl)]);
        }

        // The secret is never echoed: naming the key and the rule is enough to fix it.
        if (WebhookSecret is null || !WebhookSecretShape().IsMatch(WebhookSecret))
        {
            yield return new ValidationResult("Telegram:WebhookSecret is required in webhook mode: 1–256 characters of A-Z, a-z, 0-9, _ and - (Telegram sends it back in every webhook request).", [nameof(WebhookSecret)]);
        }

        foreach (var failure in Positive(WebhookLease, "WebhookLease", TimeSpan.FromHours(1)))
        {
            yield return failure;
        }
    }

    private IEnumerable<ValidationResult> ValidateReplyShare()
    {
        if (ReplyShare is not { } share)
        {
            yield break;
        }

        // In polling mode only the elected poller receives updates, so a standby has no replies to send.
        if (Mode != TelegramMode.Webhook)
        {
            yield return new ValidationResult("Telegram:ReplyShare applies to webhook mode only (Telegram:Mode is Polling: the one poller paces posts and replies together).", [nameof(ReplyShare)]);
        }
        else if (Instances < 2)
        {
            yield return new ValidationResult("Telegram:ReplyShare needs Telegram:Instances, the number of instances sharing the bot token (2 or more).", [nameof(Instances)]);
        }
        else if (share <= 0 || share * (Instances - 1) >= 1 || StandbyMessagesPerSecond < 1 || ElectedMessagesPerSecond < 1)
        {
            yield return new ValidationResult($"Telegram:ReplyShare must leave every instance at least one message per second: above 0, and times {Instances - 1} (the other instances) below 1.", [nameof(ReplyShare)]);
        }
    }

    private static IEnumerable<ValidationResult> Positive(TimeSpan value, string name, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            yield return new ValidationResult($"Telegram:{name} must be a positive time span no longer than {max:c} (e.g. \"00:00:05\").", [name]);
        }
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex WebhookSecretShape();
}

/// <summary>How the bot receives Telegram updates.</summary>
public enum TelegramMode
{
    /// <summary>getUpdates long polling: one instance polls (elected among several), no public address needed.</summary>
    Polling,

    /// <summary>Telegram posts each update to Telegram:WebhookUrl; every instance behind it takes updates.</summary>
    Webhook,
}

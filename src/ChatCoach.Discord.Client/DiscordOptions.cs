using System.ComponentModel.DataAnnotations;

// The settings keep the adapter's namespace: operators and the host know them as ChatCoach.Discord.DiscordOptions.
namespace ChatCoach.Discord;

/// <summary>Discord:* settings. The adapter runs only when <see cref="Token"/> is set.</summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string SectionName = "Discord";

    /// <summary>The bot token from the Developer Portal (Bot page). Never logged.</summary>
    public string? Token { get; set; }

    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>When unset the gateway URL comes from <c>GET /gateway/bot</c>.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Register slash commands to this guild only (instant updates while developing).</summary>
    public string? DevGuildId { get; set; }

    [Range(0, 65535, ErrorMessage = "Discord:ShardId must be between 0 and 65535.")]
    public int ShardId { get; set; }

    [Range(1, 65536, ErrorMessage = "Discord:ShardCount must be between 1 and 65536.")]
    public int ShardCount { get; set; } = 1;

    /// <summary>First wait before reconnecting after a dropped connection; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The random wait before identifying again after an invalid session is drawn from this range.</summary>
    public TimeSpan InvalidSessionMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for HELLO after the socket opens before trying again.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gateway sends allowed per <see cref="GatewaySendWindow"/>; Discord allows 120 per 60 s, we keep a margin.</summary>
    [Range(1, 120, ErrorMessage = "Discord:GatewaySendLimit must be between 1 and 120.")]
    public int GatewaySendLimit { get; set; } = 115;

    public TimeSpan GatewaySendWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests per <see cref="GlobalRateWindow"/> across all routes (Discord: 50 per second per bot).</summary>
    [Range(1, 10_000, ErrorMessage = "Discord:GlobalRateLimit must be between 1 and 10000.")]
    public int GlobalRateLimit { get; set; } = 50;

    public TimeSpan GlobalRateWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// This process's share of <see cref="GlobalRateLimit"/>: the global limit is per bot token, and every shard process
    /// sends its own guilds' posts and replies, so together they must stay under it. Unset: 1 / <see cref="ShardCount"/>
    /// (one process per shard, an even split); set it when the split is uneven, e.g. 0.75 on the one big shard.
    /// </summary>
    [Range(0.0001, 1.0, ErrorMessage = "Discord:GlobalRateShare must be between 0.0001 and 1 (a fraction of Discord:GlobalRateLimit).")]
    public double? GlobalRateShare { get; set; }

    /// <summary>Requests per <see cref="GlobalRateWindow"/> this process may send: its share of the global limit, at least 1.</summary>
    public int ProcessGlobalRateLimit => Math.Max(1, (int)Math.Floor(GlobalRateLimit * (GlobalRateShare ?? 1.0 / ShardCount)));

    /// <summary>Added to every rate-limit wait, so clock skew and latency never tip us over a limit.</summary>
    public TimeSpan RateLimitMargin { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Invalid requests (401, 403, 429) allowed per 10 minutes before we slow down; Discord bans at 10,000.</summary>
    [Range(1, 10_000, ErrorMessage = "Discord:InvalidRequestBudget must be between 1 and 10000.")]
    public int InvalidRequestBudget { get; set; } = 8_000;

    /// <summary>Retries for 5xx answers and network errors (429s are waited out and do not count).</summary>
    [Range(0, 10, ErrorMessage = "Discord:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First wait before retrying a 5xx or network error; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many 429s in a row one request waits out before giving up.</summary>
    [Range(1, 1000, ErrorMessage = "Discord:MaxRateLimitRetries must be between 1 and 1000.")]
    public int MaxRateLimitRetries { get; set; } = 25;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>When a command's answer is not ready after this long it is deferred (Discord's deadline is 3 s).</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a 429 that carries no JSON and no rate-limit scope (Cloudflare's ban on the IP, after too many invalid
    /// requests) every request waits this long: hammering only extends the ban.
    /// </summary>
    public TimeSpan CloudflareBanPause { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A channel where a reply was refused (403) is not tried again for this long, so mention spam cannot drain the invalid-request budget.</summary>
    public TimeSpan UnsendableChannelMemory { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A subscription refused with 50007 or 50013 (a permission that a server admin may restore) is disabled only when
    /// the refusals have lasted this long; 10003, 10004 and 50001 disable it at once.
    /// </summary>
    public TimeSpan SubscriptionGracePeriod { get; set; } = TimeSpan.FromDays(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (GlobalRateShare is { } share && GlobalRateLimit * share < 1)
        {
            yield return new ValidationResult("Discord:GlobalRateShare leaves this process less than one request per window; raise it or Discord:GlobalRateLimit.", [nameof(GlobalRateShare)]);
        }

        if (ShardId >= ShardCount)
        {
            yield return new ValidationResult("Discord:ShardId must be less than Discord:ShardCount.", [nameof(ShardId)]);
        }

        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("Discord:ApiBaseUrl must be an absolute http(s) URL, e.g. https://discord.com/api/v10.", [nameof(ApiBaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(GatewayUrl)
            && (!Uri.TryCreate(GatewayUrl, UriKind.Absolute, out var gateway) || (gateway.Scheme != "wss" && gateway.Scheme != "ws")))
        {
            yield return new ValidationResult("Discord:GatewayUrl must be an absolute ws(s) URL, e.g. wss://gateway.discord.gg.", [nameof(GatewayUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(DevGuildId) && !ulong.TryParse(DevGuildId, out _))
        {
            yield return new ValidationResult("Discord:DevGuildId must be a guild id (a number), or empty.", [nameof(DevGuildId)]);
        }

        if (Token is { Length: > 0 } token && (token.Any(char.IsWhiteSpace) || token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult("Discord:Token must be the bare bot token, without spaces or a \"Bot \" prefix.", [nameof(Token)]);
        }

        foreach (var (name, value) in new (string, TimeSpan)[]
        {
            (nameof(ReconnectMinDelay), ReconnectMinDelay), (nameof(ReconnectMaxDelay), ReconnectMaxDelay),
            (nameof(InvalidSessionMinDelay), InvalidSessionMinDelay), (nameof(InvalidSessionMaxDelay), InvalidSessionMaxDelay),
            (nameof(HelloTimeout), HelloTimeout), (nameof(GatewaySendWindow), GatewaySendWindow),
            (nameof(GlobalRateWindow), GlobalRateWindow), (nameof(RetryDelay), RetryDelay),
            (nameof(RequestTimeout), RequestTimeout), (nameof(DeferAfter), DeferAfter),
            (nameof(CloudflareBanPause), CloudflareBanPause), (nameof(UnsendableChannelMemory), UnsendableChannelMemory),
            (nameof(SubscriptionGracePeriod), SubscriptionGracePeriod),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Discord:{name} must be a positive time span, e.g. \"00:00:01\".", [name]);
            }
        }

        if (RateLimitMargin < TimeSpan.Zero)
        {
            yield return new ValidationResult("Discord:RateLimitMargin must not be negative.", [nameof(RateLimitMargin)]);
        }

        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            yield return new ValidationResult("Discord:ReconnectMaxDelay must not be less than Discord:ReconnectMinDelay.", [nameof(ReconnectMaxDelay)]);
        }

        if (InvalidSessionMaxDelay < InvalidSessionMinDelay)
        {
            yield return new ValidationResult("Discord:InvalidSessionMaxDelay must not be less than Discord:InvalidSessionMinDelay.", [nameof(InvalidSessionMaxDelay)]);
        }

        if (DeferAfter >= TimeSpan.FromSeconds(3))
        {
            yield return new ValidationResult("Discord:DeferAfter must be under 3 seconds, Discord's deadline for a first answer.", [nameof(DeferAfter)]);
        }
    }
}

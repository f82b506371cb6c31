using System.Collections.Concurrent;
using System.Globalization;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCoach.Discord;

/// <summary>
/// Since when each channel has refused posts with a code that a server admin can fix (50007, 50013). Kept in the
/// adapter state store when there is one, so a restart does not restart the grace period. A refusal more than
/// <see cref="Gap"/> after the previous one starts a new period: daily posts that failed every day are one stretch,
/// a week of successes in between (which a restart may have kept us from clearing) is not.
/// </summary>
internal sealed class RefusalLedger(IServiceProvider services, TimeProvider time)
{
    public static readonly TimeSpan Gap = TimeSpan.FromHours(36);

    private readonly ConcurrentDictionary<string, (DateTimeOffset First, DateTimeOffset Last)> _known = new(StringComparer.Ordinal);

    private IAdapterStateStore? Store => services.GetService<IAdapterStateStore>();

    /// <summary>Records a refusal now; returns how long the channel has been refusing.</summary>
    public async Task<TimeSpan> RecordAsync(string channelId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var earlier = await ReadAsync(channelId, cancellationToken);
        var first = earlier is { } e && now - e.Last <= Gap ? e.First : now;
        _known[channelId] = (first, now);
        if (Store is { } store)
        {
            await store.SetAsync(Key(channelId), $"{first.ToUnixTimeMilliseconds()} {now.ToUnixTimeMilliseconds()}", cancellationToken);
        }

        return now - first;
    }

    /// <summary>A post went through: the channel's refusals are over.</summary>
    public async Task ClearAsync(string channelId, CancellationToken cancellationToken)
    {
        if (_known.TryRemove(channelId, out _) && Store is { } store)
        {
            await store.SetAsync(Key(channelId), "", cancellationToken);
        }
    }

    private async Task<(DateTimeOffset First, DateTimeOffset Last)?> ReadAsync(string channelId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(channelId, out var known))
        {
            return known;
        }

        if (Store is not { } store || await store.GetAsync(Key(channelId), cancellationToken) is not { Length: > 0 } text)
        {
            return null;
        }

        var parts = text.Split(' ');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? (DateTimeOffset.FromUnixTimeMilliseconds(first), DateTimeOffset.FromUnixTimeMilliseconds(last))
            : null;
    }

    private static string Key(string channelId) => $"discord:refused:{channelId}";
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>Channels that refused a post recently (403), remembered for <c>Discord:UnsendableChannelMemory</c>.</summary>
internal sealed class UnsendableChannels(IOptions<DiscordOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Remember(string channelId)
    {
        var now = time.GetUtcNow();
        _until[channelId] = now + options.Value.UnsendableChannelMemory;
        if (_until.Count > 10_000)
        {
            // Bounded: expired entries go; a flood of distinct channels cannot grow this without limit.
            foreach (var (key, until) in _until)
            {
                if (until <= now)
                {
                    _until.TryRemove(key, out _);
                }
            }
        }
    }

    public bool IsRemembered(string channelId)
    {
        if (!_until.TryGetValue(channelId, out var until))
        {
            return false;
        }

        if (until > time.GetUtcNow())
        {
            return true;
        }

        _until.TryRemove(channelId, out _);
        return false;
    }
}

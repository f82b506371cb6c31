using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord;

/// <summary>
/// Keeps the daily posts in step with Discord's own news: a deleted channel or thread, or a server that removed the
/// bot (GUILD_DELETE without <c>unavailable</c>; with it, it is an outage and the server comes back), disables the
/// subscriptions there at once instead of failing tomorrow. The channels of each server come from GUILD_CREATE and
/// CHANNEL_CREATE/THREAD_CREATE; a subscription in a channel we never heard of is caught by the post itself (10003,
/// 10004 or 50001 disable it).
/// </summary>
internal sealed class GuildChannels(IServiceProvider services, ILogger<GuildChannels> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _channels = new(StringComparer.Ordinal);

    // Optional: a host without storage has no subscriptions to disable.
    private ISubscriptionStore? Store => services.GetService<ISubscriptionStore>();

    public void OnGuildCreate(GuildCreated guild)
    {
        ArgumentNullException.ThrowIfNull(guild);
        var channels = _channels.GetOrAdd(guild.Id, _ => new(StringComparer.Ordinal));
        foreach (var channel in (guild.Channels ?? []).Concat(guild.Threads ?? []))
        {
            channels.TryAdd(channel.Id, 0);
        }
    }

    public void OnChannelCreate(ChannelInfo channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.GuildId is { } guild)
        {
            _channels.GetOrAdd(guild, _ => new(StringComparer.Ordinal)).TryAdd(channel.Id, 0);
        }
    }

    public async Task OnGuildDeleteAsync(GuildDeleted guild, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guild);
        if (guild.Unavailable == true)
        {
            return;
        }

        if (!_channels.TryRemove(guild.Id, out var channels) || Store is not { } store)
        {
            return;
        }

        foreach (var channel in channels.Keys)
        {
            await DisableAsync(store, new ChatAddress(DiscordInbound.Platform, channel, guild.Id), "the bot was removed from the Discord server", cancellationToken);
        }
    }

    public async Task OnChannelDeleteAsync(ChannelInfo channel, string eventType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.GuildId is { } guild && _channels.TryGetValue(guild, out var channels))
        {
            channels.TryRemove(channel.Id, out _);
        }

        if (Store is { } store)
        {
            var what = eventType == "THREAD_DELETE" ? "the Discord thread was deleted" : "the Discord channel was deleted";
            await DisableAsync(store, new ChatAddress(DiscordInbound.Platform, channel.Id, channel.GuildId), what, cancellationToken);
        }
    }

    private async Task DisableAsync(ISubscriptionStore store, ChatAddress chat, string reason, CancellationToken cancellationToken)
    {
        if (await store.DisableAsync(chat, reason, cancellationToken))
        {
            logger.LogInformation("Discord: daily posts to channel {ChannelId} disabled: {Reason}", chat.ChatId, reason);
        }
    }
}

using System.Security.Cryptography;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// Scheduled posts to Discord channels, through the rate-limited REST client; this shard's guilds only. A subscription
/// is given up only when Discord's JSON code says the channel is gone for good (see docs/discord.md):
/// <list type="bullet">
/// <item>10003 Unknown Channel, 10004 Unknown Guild, 50001 Missing Access: permanent at once; so is 50007 Cannot
/// send messages to this user in a DM (the person blocked the bot or closed their DMs: no admin can fix that).</item>
/// <item>50013 Missing Permissions: first posted again as plain text (only Embed Links may be missing); 50013 and 50007
/// then count as refusals, permanent once they have lasted <c>Discord:SubscriptionGracePeriod</c>, since a server
/// admin may fix a permission.</item>
/// <item>Anything else, a 403 or 404 without a Discord code included (a proxy, a wrong base URL): temporary.</item>
/// </list>
/// Each post carries a nonce with <c>enforce_nonce</c>, so a POST retried after a lost answer cannot post twice.
/// </summary>
internal sealed class DiscordChatSender(
    DiscordRestClient rest,
    RefusalLedger refusals,
    IOptions<DiscordOptions> options,
    ILogger<DiscordChatSender> logger) : IChatSender
{
    public string Platform => DiscordInbound.Platform;

    public bool PostsTo(ChatAddress chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return chat.Platform == Platform && DiscordInbound.ShardFor(chat.ServerId, options.Value.ShardCount) == options.Value.ShardId;
    }

    /// <summary>A channel outside any server is a DM (subscriptions record the server of a guild channel).</summary>
    public bool IsDirectChat(ChatAddress chat) => chat is not null && chat.ServerId is null;

    public async Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(reply);
        if (!ulong.TryParse(chat.ChatId, out _))
        {
            return SendOutcome.Permanent($"\"{chat.ChatId}\" is not a Discord channel id");
        }

        try
        {
            var response = await PostAllAsync(chat.ChatId, DiscordRenderer.Render(reply), cancellationToken);
            if (response?.Code == JsonErrorCodes.MissingPermissions)
            {
                // Often only Embed Links is missing: the same routine as plain text still reaches the channel.
                response = await PostAllAsync(chat.ChatId, DiscordRenderer.RenderPlain(reply), cancellationToken);
                if (response is null)
                {
                    logger.LogWarning("Discord: channel {ChannelId} refused embeds (50013, Embed Links missing?); posted the routine as plain text", chat.ChatId);
                }
            }

            if (response is null)
            {
                await refusals.ClearAsync(chat.ChatId, cancellationToken);
                return SendOutcome.Sent;
            }

            return await OutcomeAsync(chat, response, cancellationToken);
        }
        catch (DiscordUnauthorizedException)
        {
            return SendOutcome.Temporary("the Discord adapter stopped: the bot token was rejected");
        }
    }

    /// <summary>Posts the messages in order; null when all went through, else the answer that stopped them.</summary>
    private async Task<DiscordResponse?> PostAllAsync(string channelId, IReadOnlyList<MessagePayload> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var body = message with { Nonce = NewNonce(), EnforceNonce = true };
            var response = await rest.SendAsync(HttpMethod.Post, $"/channels/{channelId}/messages", body, cancellationToken, background: true);
            if (!response.IsSuccess)
            {
                return response;
            }
        }

        return null;
    }

    private async Task<SendOutcome> OutcomeAsync(ChatAddress chat, DiscordResponse response, CancellationToken cancellationToken)
    {
        var channelId = chat.ChatId;
        switch (response.Code)
        {
            case JsonErrorCodes.CannotSendToUser when IsDirectChat(chat):
                // In a DM no admin can fix it: the person blocked the bot, closed their DMs or left every shared
                // server. Stop now (a reminder is disabled, as after Telegram's 403); /remind starts it again.
                logger.LogWarning("Discord: cannot message the person in DM channel {ChannelId} any more ({Error}); what is sent there will stop", channelId, response.Describe());
                return SendOutcome.Permanent($"Discord refused the direct message: {response.Describe()}");
            case JsonErrorCodes.UnknownChannel or JsonErrorCodes.UnknownGuild or JsonErrorCodes.MissingAccess:
                logger.LogWarning("Discord: cannot post to channel {ChannelId} any more ({Error}); its subscription will be disabled", channelId, response.Describe());
                return SendOutcome.Permanent($"Discord refused the post: {response.Describe()}");
            case JsonErrorCodes.MissingPermissions or JsonErrorCodes.CannotSendToUser:
                var since = await refusals.RecordAsync(channelId, cancellationToken);
                var grace = options.Value.SubscriptionGracePeriod;
                if (since >= grace)
                {
                    logger.LogWarning("Discord: channel {ChannelId} has refused posts for {Since} ({Error}); its subscription will be disabled", channelId, since, response.Describe());
                    return SendOutcome.Permanent($"Discord refused posts for {since.TotalDays:0.#} days: {response.Describe()}");
                }

                logger.LogWarning(
                    "Discord: channel {ChannelId} refused the post ({Error}); a server admin can fix the bot's permissions there, the subscription is disabled if this lasts {Grace}",
                    channelId,
                    response.Describe(),
                    grace);
                return SendOutcome.Temporary($"Discord refused the post for now: {response.Describe()}");
            default:
                logger.LogWarning("Discord: posting to channel {ChannelId} failed ({Error}); will retry later", channelId, response.Describe());
                return SendOutcome.Temporary($"Discord answered {response.Describe()}");
        }
    }

    // Discord's nonce is at most 25 characters; 16 random bytes in base 36 would be too long, 12 in hex is 24.
    private static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}

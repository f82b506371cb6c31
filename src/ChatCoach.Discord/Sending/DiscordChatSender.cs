using ChatCoach.Core.Conversation;
using ChatCoach.Core.Scheduling;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>Scheduled posts to Discord channels, through the rate-limited REST client; this shard's guilds only.</summary>
internal sealed class DiscordChatSender(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordChatSender> logger) : IChatSender
{
    public string Platform => DiscordInbound.Platform;

    public bool PostsTo(ChatAddress chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return chat.Platform == Platform && DiscordInbound.ShardFor(chat.ServerId, options.Value.ShardCount) == options.Value.ShardId;
    }

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
            foreach (var message in DiscordRenderer.Render(reply))
            {
                var response = await rest.SendAsync(HttpMethod.Post, $"/channels/{chat.ChatId}/messages", message, cancellationToken, background: true);
                if (response.IsSuccess)
                {
                    continue;
                }

                if (response.Status is 403 or 404 || response.Error?.Code is JsonErrorCodes.UnknownChannel or JsonErrorCodes.MissingAccess or JsonErrorCodes.MissingPermissions)
                {
                    logger.LogWarning("Discord: cannot post to channel {ChannelId} any more ({Error}); its subscription will be disabled", chat.ChatId, response.Describe());
                    return SendOutcome.Permanent($"Discord refused the post: {response.Describe()}");
                }

                logger.LogWarning("Discord: posting to channel {ChannelId} failed ({Error}); will retry later", chat.ChatId, response.Describe());
                return SendOutcome.Temporary($"Discord answered {response.Describe()}");
            }

            return SendOutcome.Sent;
        }
        catch (DiscordUnauthorizedException)
        {
            return SendOutcome.Temporary("the Discord adapter stopped: the bot token was rejected");
        }
    }
}

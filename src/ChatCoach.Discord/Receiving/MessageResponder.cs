using ChatCoach.Core.Conversation;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord;

/// <summary>
/// Answers a mention or a DM with a reply in the channel. A channel that refused a reply (403: the bot may read but
/// not write there) is left alone for <c>Discord:UnsendableChannelMemory</c>, so a burst of mentions there cannot
/// spend the invalid-request budget that protects the whole bot from a Cloudflare ban.
/// </summary>
internal sealed class MessageResponder(
    CommandRouter router,
    DiscordRestClient rest,
    DiscordBotIdentity bot,
    UnsendableChannels unsendable,
    ILogger<MessageResponder> logger)
{
    public async Task HandleAsync(DiscordMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var inbound = DiscordInbound.FromMessage(message, bot);
        if (inbound is null)
        {
            return;
        }

        if (unsendable.IsRemembered(message.ChannelId))
        {
            logger.LogDebug("Discord: not answering in channel {ChannelId}; it refused a reply a moment ago", message.ChannelId);
            return;
        }

        var reply = await router.RouteAsync(inbound, cancellationToken);
        if (reply is null)
        {
            return;
        }

        var first = true;
        foreach (var payload in DiscordRenderer.Render(reply))
        {
            var body = first ? payload with { MessageReference = new MessageReference(message.Id) } : payload;
            first = false;
            var path = $"/channels/{message.ChannelId}/messages";
            var response = await rest.SendAsync(HttpMethod.Post, path, body, cancellationToken);
            if (response.IsSuccess)
            {
                continue;
            }

            if (response.Status == 403)
            {
                unsendable.Remember(message.ChannelId);
            }

            logger.LogWarning("Discord: replying in channel {ChannelId} failed: {Error}", message.ChannelId, response.Describe());
            return;
        }

        if (DiscordRenderer.RenderFile(reply, ephemeral: false) is { } attachment)
        {
            var sent = await rest.SendAsync(HttpMethod.Post, $"/channels/{message.ChannelId}/messages", attachment.Payload, cancellationToken, files: attachment.Files);
            if (!sent.IsSuccess)
            {
                logger.LogWarning("Discord: the file for channel {ChannelId} failed: {Error}", message.ChannelId, sent.Describe());
            }
        }
    }
}

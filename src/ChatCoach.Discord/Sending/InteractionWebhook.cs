using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord;

/// <summary>
/// The interaction's own endpoints: the callback (once), then edits and follow-ups through the webhook that the
/// interaction token opens for 15 minutes. A refusal there (401/404, 50027 Invalid Webhook Token, 10015 Unknown
/// Webhook) ends this interaction only; nothing is sent once the token's 15 minutes are over.
/// </summary>
internal sealed class InteractionWebhook(DiscordRestClient rest, TimeProvider time, ILogger<InteractionWebhook> logger)
{
    /// <summary>True when Discord took the first answer, or had already taken one (40060: an earlier attempt got through).</summary>
    public async Task<bool> CallbackAsync(InteractionCall call, InteractionResponse response, CancellationToken cancellationToken)
    {
        var path = $"/interactions/{call.Id}/{call.Interaction.Token}/callback";
        var answer = await rest.SendAsync(HttpMethod.Post, path, response, cancellationToken);
        if (answer.IsSuccess || answer.Code == JsonErrorCodes.AlreadyAcknowledged)
        {
            return true;
        }

        logger.LogWarning(
            "Discord: the first answer to {Interaction} failed {Late}: {Error}",
            call,
            answer.Code == JsonErrorCodes.UnknownInteraction ? $"({(time.GetUtcNow() - call.Created).TotalSeconds:0.0} s after it was created)" : "",
            answer.Describe());
        return false;
    }

    public async Task FollowUpsAsync(InteractionCall call, IEnumerable<MessagePayload> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (!await SendAsync(call, HttpMethod.Post, "", message, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>A follow-up carrying a file (multipart upload through the interaction's webhook).</summary>
    public Task<bool> FollowUpFileAsync(InteractionCall call, MessagePayload message, IReadOnlyList<DiscordFile> files, CancellationToken cancellationToken) =>
        SendAsync(call, HttpMethod.Post, "", message, cancellationToken, files);

    public Task<bool> EditOriginalAsync(InteractionCall call, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(call, HttpMethod.Patch, "/messages/@original", message, cancellationToken);

    public Task<bool> DeleteOriginalAsync(InteractionCall call, CancellationToken cancellationToken) =>
        SendAsync(call, HttpMethod.Delete, "/messages/@original", null, cancellationToken);

    private async Task<bool> SendAsync(InteractionCall call, HttpMethod method, string suffix, object? body, CancellationToken cancellationToken, IReadOnlyList<DiscordFile>? files = null)
    {
        if (time.GetUtcNow() >= call.Created + InteractionCall.TokenLifetime)
        {
            logger.LogWarning("Discord: the answer to {Interaction} was ready after its token's 15 minutes; it is lost", call);
            return false;
        }

        var path = $"/webhooks/{call.Interaction.ApplicationId}/{call.Interaction.Token}{suffix}";
        var answer = await rest.SendAsync(method, path, body, cancellationToken, files: files);
        if (answer.IsSuccess)
        {
            return true;
        }

        logger.LogWarning("Discord: {Route} for {Interaction} failed: {Error}", DiscordRoute.Parse(method, path), call, answer.Describe());
        return false;
    }
}

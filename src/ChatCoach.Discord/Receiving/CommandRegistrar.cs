using ChatCoach.Core.Conversation;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// Registers the slash commands by bulk overwrite once the bot knows its application id. A 5xx or network failure is
/// retried (the REST client retries a few times; this tries again a few more, further apart); a 50035 logs the fields
/// Discord names, since only a code change fixes it.
/// </summary>
internal sealed class CommandRegistrar(
    ICommandCatalog catalog,
    DiscordRestClient rest,
    DiscordBotIdentity bot,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<CommandRegistrar> logger)
{
    private const int Attempts = 5;
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Registered => _registered.Task;

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var guild = options.Value.DevGuildId;
            var isGuild = !string.IsNullOrWhiteSpace(guild);
            var commands = DiscordCommands.Build(catalog, global: !isGuild);
            var path = isGuild
                ? $"/applications/{bot.ApplicationId}/guilds/{guild}/commands"
                : $"/applications/{bot.ApplicationId}/commands";
            for (var attempt = 1; ; attempt++)
            {
                var response = await rest.SendAsync(HttpMethod.Put, path, commands, cancellationToken);
                if (response.IsSuccess)
                {
                    logger.LogInformation("Discord: registered {Count} slash commands {Scope}", commands.Count, isGuild ? $"in guild {guild}" : "globally");
                    return;
                }

                var retryable = response.Status is 0 or >= 500;
                if (!retryable || attempt >= Attempts)
                {
                    logger.LogError("Discord: registering slash commands failed: {Error}", response.Describe());
                    return;
                }

                var delay = options.Value.RetryDelay * Math.Pow(4, attempt);
                logger.LogWarning("Discord: registering slash commands failed ({Error}); trying again in {Delay}", response.Describe(), delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
        finally
        {
            _registered.TrySetResult();
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord;

/// <summary>
/// Turns gateway dispatches into work: slash commands, button presses and autocompletes to the
/// <see cref="InteractionResponder"/>, mentions and DMs to the <see cref="MessageResponder"/>, guild and channel
/// lifecycle to <see cref="GuildChannels"/>. Each event is handled on its own task, never on the gateway's receive
/// path, and with a lifetime of its own: stopping the gateway does not cut an answer off; only the host's shutdown
/// timeout does, and then each answer lost is logged.
/// </summary>
internal sealed class DiscordEventHandler(
    InteractionResponder interactions,
    MessageResponder messages,
    GuildChannels guilds,
    CommandRegistrar registrar,
    DiscordBotIdentity bot,
    ILogger<DiscordEventHandler> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Task, string> _inFlight = new();
    private readonly CancellationTokenSource _lifetime = new();
    private int _commandsRegistered;

    /// <summary>Completes once the bulk command overwrite has finished (successfully or not).</summary>
    public Task CommandsRegistered => registrar.Registered;

    /// <summary>Answers being worked on (for tests and shutdown).</summary>
    public int InFlight => _inFlight.Count;

    public ValueTask OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var token = _lifetime.Token;
        switch (dispatch.Type)
        {
            case "READY":
                var ready = dispatch.Data.Deserialize<ReadyData>(DiscordJson.Options)!;
                bot.UserId = ready.User.Id;
                bot.UserName = ready.User.Username;
                bot.ApplicationId = ready.Application?.Id ?? ready.User.Id;
                if (Interlocked.Exchange(ref _commandsRegistered, 1) == 0)
                {
                    Track(Task.Run(() => registrar.RegisterAsync(token), token), "registering slash commands");
                }

                break;
            case "INTERACTION_CREATE":
                var interaction = dispatch.Data.Deserialize<Interaction>(DiscordJson.Options)!;
                Track(Task.Run(() => interactions.HandleAsync(interaction, token), token), $"the answer to interaction {interaction.Id} (/{interaction.Data?.Name ?? interaction.Data?.CustomId})");
                break;
            case "MESSAGE_CREATE":
                var message = dispatch.Data.Deserialize<DiscordMessage>(DiscordJson.Options)!;
                Track(Task.Run(() => messages.HandleAsync(message, token), token), $"the reply to message {message.Id} in channel {message.ChannelId}");
                break;
            case "GUILD_CREATE":
                guilds.OnGuildCreate(dispatch.Data.Deserialize<GuildCreated>(DiscordJson.Options)!);
                break;
            case "CHANNEL_CREATE" or "THREAD_CREATE":
                guilds.OnChannelCreate(dispatch.Data.Deserialize<ChannelInfo>(DiscordJson.Options)!);
                break;
            case "GUILD_DELETE":
                var guild = dispatch.Data.Deserialize<GuildDeleted>(DiscordJson.Options)!;
                Track(Task.Run(() => guilds.OnGuildDeleteAsync(guild, token), token), $"disabling the subscriptions of guild {guild.Id}");
                break;
            case "CHANNEL_DELETE" or "THREAD_DELETE":
                var channel = dispatch.Data.Deserialize<ChannelInfo>(DiscordJson.Options)!;
                Track(Task.Run(() => guilds.OnChannelDeleteAsync(channel, dispatch.Type, token), token), $"disabling the subscription of channel {channel.Id}");
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the events being handled, so a shutdown does not cut answers off mid-way.</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight.Keys);

    /// <summary>The host's shutdown timeout is up: whatever is still being answered is cancelled and logged as lost.</summary>
    public void Abandon()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped.
        }
    }

    public void Dispose() => _lifetime.Dispose();

    private void Track(Task task, string what)
    {
        _inFlight.TryAdd(task, what);
        task.ContinueWith(
            t =>
            {
                _inFlight.TryRemove(t, out _);
                var error = t.Exception?.GetBaseException();
                if (t.IsCanceled || error is OperationCanceledException)
                {
                    if (_lifetime.IsCancellationRequested)
                    {
                        logger.LogWarning("Discord: shutting down before {What} was sent; it is lost", what);
                    }
                }
                else if (error is not null and not DiscordUnauthorizedException)
                {
                    logger.LogError(error, "Discord: handling an event failed ({What})", what);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using ChatCoach.Core.Conversation;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// Turns gateway dispatches into routed commands and answers them: slash commands and button presses through the
/// interaction callback (directly when the answer is quick, deferred and then edited when it is not), mentions and
/// DMs as replies in the channel. Each event is handled on its own task so the gateway keeps reading.
/// </summary>
internal sealed class DiscordEventHandler(
    CommandRouter router,
    DiscordRestClient rest,
    DiscordBotIdentity bot,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordEventHandler> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _commandsRegistered;

    /// <summary>Completes once the bulk command overwrite has finished (successfully or not).</summary>
    public Task CommandsRegistered => _registered.Task;

    public ValueTask OnDispatchAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        switch (dispatch.Type)
        {
            case "READY":
                var ready = dispatch.Data.Deserialize<ReadyData>(DiscordJson.Options)!;
                bot.UserId = ready.User.Id;
                bot.UserName = ready.User.Username;
                bot.ApplicationId = ready.Application?.Id ?? ready.User.Id;
                if (Interlocked.Exchange(ref _commandsRegistered, 1) == 0)
                {
                    Track(RegisterCommandsAsync(cancellationToken));
                }

                break;
            case "INTERACTION_CREATE":
                var interaction = dispatch.Data.Deserialize<Interaction>(DiscordJson.Options)!;
                Track(Task.Run(() => HandleInteractionAsync(interaction, cancellationToken), cancellationToken));
                break;
            case "MESSAGE_CREATE":
                var message = dispatch.Data.Deserialize<DiscordMessage>(DiscordJson.Options)!;
                Track(Task.Run(() => HandleMessageAsync(message, cancellationToken), cancellationToken));
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the events being handled, so a shutdown does not cut answers off mid-way.</summary>
    public Task DrainAsync() => Task.WhenAll(_inFlight.Keys);

    internal async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var commands = DiscordCommands.Build(router);
            var guild = options.Value.DevGuildId;
            var path = string.IsNullOrWhiteSpace(guild)
                ? $"/applications/{bot.ApplicationId}/commands"
                : $"/applications/{bot.ApplicationId}/guilds/{guild}/commands";
            var response = await rest.SendAsync(HttpMethod.Put, path, commands, cancellationToken);
            if (response.IsSuccess)
            {
                logger.LogInformation("Discord: registered {Count} slash commands {Scope}", commands.Count, guild is { Length: > 0 } ? $"in guild {guild}" : "globally");
            }
            else
            {
                logger.LogError("Discord: registering slash commands failed: {Error}", response.Describe());
            }
        }
        finally
        {
            _registered.TrySetResult();
        }
    }

    internal async Task HandleInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var inbound = DiscordInbound.FromInteraction(interaction, bot);
        if (inbound is null)
        {
            return;
        }

        // A button press is answered only to the person who pressed it.
        var isButton = interaction.Type == InteractionTypes.MessageComponent;
        var callback = $"/interactions/{interaction.Id}/{interaction.Token}/callback";
        var webhook = $"/webhooks/{interaction.ApplicationId}/{interaction.Token}";
        var routing = router.RouteAsync(inbound, cancellationToken);
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(options.Value.DeferAfter, time, deferTimer.Token);
        if (await Task.WhenAny(routing, deadline) == routing)
        {
            await deferTimer.CancelAsync();
            var reply = await routing ?? NotForHere();
            var messages = DiscordRenderer.Render(reply, ephemeral: isButton || reply.IsPrivate, withNotice: isButton);
            if (await Send(HttpMethod.Post, callback, new InteractionResponse(InteractionCallbackTypes.ChannelMessageWithSource, messages[0]), cancellationToken))
            {
                await FollowUps(webhook, messages.Skip(1), cancellationToken);
            }

            return;
        }

        var deferredPrivately = isButton;
        if (!await Send(
                HttpMethod.Post,
                callback,
                new InteractionResponse(InteractionCallbackTypes.DeferredChannelMessageWithSource, deferredPrivately ? new MessagePayload { Flags = MessageFlags.Ephemeral } : null),
                cancellationToken))
        {
            return;
        }

        var late = await routing ?? NotForHere();
        var isPrivate = isButton || late.IsPrivate;
        var rendered = DiscordRenderer.Render(late, ephemeral: isPrivate, withNotice: isButton);
        if (isPrivate && !deferredPrivately)
        {
            // The "thinking…" message is public and an edit cannot make it private: replace it with a private follow-up.
            await Send(HttpMethod.Delete, webhook + "/messages/@original", null, cancellationToken);
            await FollowUps(webhook, rendered, cancellationToken);
            return;
        }

        if (await Send(HttpMethod.Patch, webhook + "/messages/@original", rendered[0] with { Flags = null }, cancellationToken))
        {
            await FollowUps(webhook, rendered.Skip(1), cancellationToken);
        }
    }

    internal async Task HandleMessageAsync(DiscordMessage message, CancellationToken cancellationToken)
    {
        var inbound = DiscordInbound.FromMessage(message, bot);
        if (inbound is null)
        {
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
            if (!await Send(HttpMethod.Post, $"/channels/{message.ChannelId}/messages", body, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task FollowUps(string webhook, IEnumerable<MessagePayload> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (!await Send(HttpMethod.Post, webhook, message, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> Send(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var response = await rest.SendAsync(method, path, body, cancellationToken);
        if (!response.IsSuccess)
        {
            logger.LogWarning("Discord: {Route} failed: {Error}", DiscordRoute.Parse(method, path), response.Describe());
        }

        return response.IsSuccess;
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        task.ContinueWith(
            t =>
            {
                _inFlight.TryRemove(t, out _);
                if (t.Exception?.GetBaseException() is { } error and not DiscordUnauthorizedException and not OperationCanceledException)
                {
                    logger.LogError(error, "Discord: handling an event failed");
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Reply NotForHere() => Reply.Error("I can't answer that here.", "Send /help to see what I can do.");
}

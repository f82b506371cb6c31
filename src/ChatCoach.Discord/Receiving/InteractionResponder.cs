using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord;

/// <summary>
/// Answers one interaction within Discord's windows. The 3-second window for the first answer runs from the
/// interaction's snowflake time, not from when we read it: the command is routed on its own task while a timer
/// waits for <c>Discord:DeferAfter</c> past that time; whichever comes first decides between answering directly and
/// deferring (privately for private commands and buttons). Follow-ups and edits use the interaction token, valid for
/// 15 minutes from the same snowflake time; past that nothing is sent and the loss is logged.
/// </summary>
internal sealed class InteractionResponder(
    CommandRouter router,
    InteractionWebhook webhook,
    DiscordBotIdentity bot,
    IOptions<DiscordOptions> options,
    PersonCultures cultures,
    TimeProvider time)
{
    /// <summary>Autocomplete answers carry at most 25 choices.</summary>
    public const int MaxChoices = 25;

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var created = Snowflake.TimeOf(interaction.Id) ?? time.GetUtcNow();
        var call = new InteractionCall(interaction, created);
        if (interaction.Type == InteractionTypes.ApplicationCommandAutocomplete)
        {
            await webhook.CallbackAsync(call, new InteractionResponse(InteractionCallbackTypes.ApplicationCommandAutocompleteResult, new AutocompleteData(Suggest(interaction))), cancellationToken);
            return;
        }

        var inbound = DiscordInbound.FromInteraction(interaction, bot);
        if (inbound is null)
        {
            return;
        }

        var isButton = interaction.Type == InteractionTypes.MessageComponent;
        if (interaction.Data?.Name == "subscribe" && BotPermissions.MissingToPost(interaction) is { Count: > 0 } missing)
        {
            // Storing a subscription the bot cannot post to would only fail tomorrow morning; say so now, privately.
            var culture = await cultures.CultureOfAsync(inbound, cancellationToken);
            var refusal = ChatTexts.Error(
                culture,
                ChatTexts.Format("platform.missingPermissions", culture, string.Join(", ", missing)),
                ChatTexts.Get("platform.missingPermissions.fix", culture));
            await webhook.CallbackAsync(call, new InteractionResponse(InteractionCallbackTypes.ChannelMessageWithSource, DiscordRenderer.Render(refusal, ephemeral: true)[0]), cancellationToken);
            return;
        }

        // Off this task at once: a handler that blocks (a slow database call) must not hold back the deferral.
        var routing = Task.Run(() => router.RouteAsync(inbound, cancellationToken), cancellationToken);
        var wait = created + options.Value.DeferAfter - time.GetUtcNow();
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = wait > TimeSpan.Zero ? Task.Delay(wait, time, deferTimer.Token) : Task.CompletedTask;
        if (await Task.WhenAny(routing, deadline) == routing)
        {
            await deferTimer.CancelAsync();
            var reply = await routing ?? await NotForHereAsync(inbound, cancellationToken);
            var messages = DiscordRenderer.Render(reply, ephemeral: isButton || reply.IsPrivate, withNotice: isButton);
            if (await webhook.CallbackAsync(call, new InteractionResponse(InteractionCallbackTypes.ChannelMessageWithSource, messages[0]), cancellationToken))
            {
                await webhook.FollowUpsAsync(call, messages.Skip(1), cancellationToken);
                await FollowUpFileAsync(call, reply, isButton || reply.IsPrivate, cancellationToken);
            }

            return;
        }

        var deferredPrivately = isButton || DiscordCommands.IsPrivate(interaction.Data?.Name);
        if (!await webhook.CallbackAsync(
                call,
                new InteractionResponse(InteractionCallbackTypes.DeferredChannelMessageWithSource, deferredPrivately ? new MessagePayload { Flags = MessageFlags.Ephemeral } : null),
                cancellationToken))
        {
            return;
        }

        var late = await routing ?? await NotForHereAsync(inbound, cancellationToken);
        var isPrivate = isButton || late.IsPrivate;
        var rendered = DiscordRenderer.Render(late, ephemeral: isPrivate, withNotice: isButton);
        if (isPrivate && !deferredPrivately)
        {
            // The "thinking…" message is public and an edit cannot make it private: replace it with a private follow-up.
            await webhook.DeleteOriginalAsync(call, cancellationToken);
            await webhook.FollowUpsAsync(call, rendered, cancellationToken);
            await FollowUpFileAsync(call, late, isPrivate, cancellationToken);
            return;
        }

        if (await webhook.EditOriginalAsync(call, rendered[0] with { Flags = null }, cancellationToken))
        {
            await webhook.FollowUpsAsync(call, rendered.Skip(1), cancellationToken);
            await FollowUpFileAsync(call, late, isPrivate, cancellationToken);
        }
    }

    /// <summary>A reply's file goes as one more follow-up, as private as the reply.</summary>
    private async Task FollowUpFileAsync(InteractionCall call, Reply reply, bool isPrivate, CancellationToken cancellationToken)
    {
        if (DiscordRenderer.RenderFile(reply, isPrivate) is { } attachment)
        {
            await webhook.FollowUpFileAsync(call, attachment.Payload, attachment.Files, cancellationToken);
        }
    }

    private static IReadOnlyList<ApplicationCommandChoice> Suggest(Interaction interaction)
    {
        var focused = interaction.Data?.Options?.FirstOrDefault(o => o.Focused == true);
        if (interaction.Data?.Name != "timezone" || focused?.Value is not { } value)
        {
            return [];
        }

        var typed = value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        return [.. ZoneInput.Suggest(typed, MaxChoices).Select(s => new ApplicationCommandChoice(Limit(s.Label), Limit(s.Value)))];
    }

    private static string Limit(string text) => text.Length <= 100 ? text : text[..100];

    private async Task<Reply> NotForHereAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var culture = await cultures.CultureOfAsync(inbound, cancellationToken);
        return ChatTexts.Error(culture, ChatTexts.Get("platform.notForHere", culture), ChatTexts.Get("platform.notForHere.hint", culture));
    }
}

/// <summary>One interaction's identity for answering it; <see cref="ToString"/> leaves the token out.</summary>
internal sealed record InteractionCall(Interaction Interaction, DateTimeOffset Created)
{
    /// <summary>Discord accepts webhook calls with the interaction's token for 15 minutes after it was created.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    public string Id => Interaction.Id;

    public override string ToString() => $"interaction {Interaction.Id}";
}

/// <summary>What the bot needs in a channel to post the daily routine, read from an interaction's <c>app_permissions</c>.</summary>
internal static class BotPermissions
{
    /// <summary>The names of the missing permissions (empty when the bot can post), as Discord's client shows them.</summary>
    public static IReadOnlyList<string> MissingToPost(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!ulong.TryParse(interaction.AppPermissions, NumberStyles.None, CultureInfo.InvariantCulture, out var granted)
            || (granted & Permissions.Administrator) != 0)
        {
            // No app_permissions (an older payload): let the post itself find out.
            return [];
        }

        var inThread = interaction.Channel is { } channel && ChannelTypes.IsThread(channel.Type);
        var needed = new List<(ulong Bit, string Name)>
        {
            (Permissions.ViewChannel, "View Channel"),
            inThread ? (Permissions.SendMessagesInThreads, "Send Messages in Threads") : (Permissions.SendMessages, "Send Messages"),
            (Permissions.EmbedLinks, "Embed Links"),
        };
        return [.. needed.Where(p => (granted & p.Bit) == 0).Select(p => p.Name)];
    }
}

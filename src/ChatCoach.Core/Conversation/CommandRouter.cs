using System.Diagnostics;
using System.Globalization;
using ChatCoach.Core.Operations;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Core.Conversation;

/// <summary>
/// Turns an inbound message into a reply: parses <c>/cmd@botname args</c> once, finds the handler,
/// treats free text as a question where it is meant for the bot, and turns handler failures into a
/// short apology. Returns null when the message is not for this bot (another bot's command, group chatter).
/// </summary>
public sealed class CommandRouter : ICommandCatalog
{
    /// <summary>The handler that free text goes to.</summary>
    public const string QuestionCommand = "ask";

    private readonly Dictionary<string, ICommandHandler> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger<CommandRouter> _logger;
    private readonly PersonResolver? _people;
    private readonly ChatCoachMetrics? _metrics;
    private readonly PersonCultures? _cultures;

    /// <param name="handlers">Every command.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="people">With linked accounts registered: resolves the sender's person and holds their lock while a handler runs.</param>
    /// <param name="metrics">The metric instruments, when registered.</param>
    /// <param name="cultures">The person's language for the router's own replies (unknown command, failures); English without it.</param>
    public CommandRouter(IEnumerable<ICommandHandler> handlers, ILogger<CommandRouter> logger, PersonResolver? people = null, ChatCoachMetrics? metrics = null, PersonCultures? cultures = null)
    {
        _logger = logger;
        _people = people;
        _metrics = metrics;
        _cultures = cultures;
        Commands = [.. handlers];
        foreach (var handler in Commands)
        {
            foreach (var name in handler.Aliases.Prepend(handler.Name))
            {
                if (!_byName.TryAdd(name, handler))
                {
                    throw new InvalidOperationException($"Two command handlers claim the name '{name}'.");
                }
            }
        }
    }

    public IReadOnlyList<ICommandHandler> Commands { get; }

    public async Task<Reply?> RouteAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        _metrics?.MessageReceived(message.Platform);
        var started = Stopwatch.GetTimestamp();
        var reply = await RouteCoreAsync(message, cancellationToken);
        if (reply is not null && _metrics is not null)
        {
            // A metric, not a behaviour: the monotonic clock is right here, and the tests count the measurements only.
            _metrics.MessageAnswered(message.Platform, Stopwatch.GetElapsedTime(started));
        }

        return reply;
    }

    private async Task<Reply?> RouteCoreAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var request = Parse(message, out var unknownCommand);
        if (request is null)
        {
            return unknownCommand is null ? null : UnknownCommand(unknownCommand, await CultureForRouterAsync(message, cancellationToken));
        }

        var handler = _byName[request.Command];
        IDisposable? hold = null;
        try
        {
            if (_people is not null)
            {
                (var resolved, hold) = await _people.EnterAsync(message, lockPerson: handler is not IPersonChangingCommand, cancellationToken);
                request = request with { Message = resolved };
            }

            var reply = await handler.HandleAsync(request, cancellationToken);
            if (handler.Name == QuestionCommand)
            {
                _metrics?.AdviceDecision(reply.Kind);
            }

            return reply;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StorageFullException ex)
        {
            _logger.LogError("Command {Command} could not be saved on {Platform} in chat {ChatId}: {Reason}", handler.Name, message.Platform, message.ChatId, ex.Message);
            var culture = await CultureForRouterAsync(request.Message, cancellationToken);
            return new Reply
            {
                Title = PeopleTexts.Get("router.full.title", culture),
                Blocks = [new Paragraph(PeopleTexts.Format("router.full", culture, handler.Name))],
                IsPrivate = true,
                Kind = ReplyKinds.Error,
            };
        }
#pragma warning disable CA1031 // A failing command must never stop an adapter's loop; it is logged here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Command {Command} failed on {Platform} in chat {ChatId}", handler.Name, message.Platform, message.ChatId);
            var culture = await CultureForRouterAsync(request.Message, cancellationToken);
            return new Reply
            {
                Title = PeopleTexts.Get("router.failed.title", culture),
                Blocks = [new Paragraph(PeopleTexts.Format("router.failed", culture, handler.Name))],
                IsPrivate = true,
                Kind = ReplyKinds.Error,
            };
        }
        finally
        {
            hold?.Dispose();
        }
    }

    /// <summary>
    /// Finds the handler and arguments for a message, or null when the message is not for us.
    /// <paramref name="unknownCommand"/> is set when the message was clearly a command for this bot that nobody handles.
    /// </summary>
    internal CommandRequest? Parse(InboundMessage message, out string? unknownCommand)
    {
        unknownCommand = null;
        if (message.Action is { } action)
        {
            var colon = action.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? action : action[..colon];
            var argument = colon < 0 ? "" : CommandText.Clean(action[(colon + 1)..]);
            if (_byName.ContainsKey(name))
            {
                return new CommandRequest(message, name.ToLowerInvariant(), argument, FromButton: true);
            }

            unknownCommand = name;
            return null;
        }

        var text = CommandText.Clean(message.Text ?? "").Trim();
        if (text.StartsWith('/'))
        {
            var (word, rest) = SplitFirstWord(text[1..]);
            var at = word.IndexOf('@', StringComparison.Ordinal);
            var addressee = at < 0 ? null : word[(at + 1)..];
            var name = at < 0 ? word : word[..at];
            if (addressee is not null && message.BotUserName is not null
                && !string.Equals(addressee, message.BotUserName, StringComparison.OrdinalIgnoreCase))
            {
                return null; // /help@otherbot: another bot's command.
            }

            if (_byName.ContainsKey(name))
            {
                return new CommandRequest(message, name.ToLowerInvariant(), rest);
            }

            // In a group an unknown /command may belong to another bot; only answer it where it is surely ours.
            if (message.IsDirect || addressee is not null || message.AllowsBareCommands || message.IsAddressedToBot)
            {
                unknownCommand = name.Length > 0 ? name : "/";
            }

            return null;
        }

        if (message.AllowsBareCommands)
        {
            var (word, rest) = SplitFirstWord(text);
            if (_byName.ContainsKey(word))
            {
                return new CommandRequest(message, word.ToLowerInvariant(), rest);
            }
        }

        if ((message.IsDirect || message.IsAddressedToBot) && _byName.ContainsKey(QuestionCommand))
        {
            return new CommandRequest(message, QuestionCommand, text);
        }

        return null;
    }

    private static (string Word, string Remainder) SplitFirstWord(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (text[..end], text[end..].Trim());
    }

    private static Reply UnknownCommand(string name, CultureInfo culture)
    {
        var shown = name.Length > 40 ? name[..40] + "…" : name;
        return ChatTexts.Error(culture, PeopleTexts.Format("router.unknown", culture, shown), PeopleTexts.Get("router.unknown.hint", culture));
    }

    /// <summary>
    /// The language of the router's own replies. They are often written because something failed, so when the stored
    /// choice can't be read either, the platform's language is used rather than failing again.
    /// </summary>
    private async Task<CultureInfo> CultureForRouterAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await _cultures.CultureOrEnglishAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The reply explains an earlier failure; a second one must not replace it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning("The language of {Platform} chat {ChatId} could not be read: {Reason}", message.Platform, message.ChatId, ex.Message);
            return Languages.CultureOf(Languages.FromPlatformTag(message.PlatformLanguage) ?? Languages.English);
        }
    }
}

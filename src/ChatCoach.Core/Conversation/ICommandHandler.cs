namespace ChatCoach.Core.Conversation;

/// <summary>One command. The router finds it by <see cref="Name"/> or an alias; <c>help</c> is generated from these.</summary>
public interface ICommandHandler
{
    /// <summary>Lower-case command name without slash, e.g. <c>streak</c>.</summary>
    string Name { get; }

    /// <summary>Other names that reach this handler, e.g. <c>start</c> for <c>help</c>.</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>How to call it, e.g. <c>subscribe [HH:MM] [focus]</c> (no slash; adapters add their own).</summary>
    string Usage { get; }

    /// <summary>One line for /help and the platforms' command menus (at most 100 characters).</summary>
    string Description { get; }

    Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>A parsed command: which handler name was used and the rest of the text.</summary>
/// <param name="Message">The inbound message it came from.</param>
/// <param name="Command">The name as used (could be an alias).</param>
/// <param name="Arguments">Everything after the command name, trimmed; empty when none.</param>
/// <param name="FromButton">True when a button press produced this request.</param>
public sealed record CommandRequest(InboundMessage Message, string Command, string Arguments, bool FromButton = false);

namespace ChatCoach.Core.Conversation;

/// <summary>The commands the bot knows, for /help and for registering menus on platforms.</summary>
public interface ICommandCatalog
{
    IReadOnlyList<ICommandHandler> Commands { get; }
}

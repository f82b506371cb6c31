using ChatCoach.Core.Conversation;

namespace ChatCoach.ConsoleChat;

/// <summary>The console chat is one direct chat with one person, who is its admin.</summary>
public static class ConsoleMessages
{
    public const string Platform = "console";
    public const string ChatId = "terminal";
    public const string UserId = "local";

    public static InboundMessage FromLine(string line) => new(
        Platform,
        ChatId,
        UserId,
        UserDisplayName: "you",
        IsDirect: true,
        IsAdmin: true,
        Text: line)
    {
        AllowsBareCommands = true,
    };
}

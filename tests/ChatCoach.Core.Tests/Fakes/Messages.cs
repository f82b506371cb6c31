using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Fakes;

/// <summary>Realistic inbound messages as the adapters build them.</summary>
public static class Messages
{
    public static InboundMessage Direct(string text) =>
        new("telegram", "100", "100", "Ana", IsDirect: true, IsAdmin: true, Text: text) { BotUserName = "ChatCoachBot" };

    public static InboundMessage Group(string text, bool addressed = false) =>
        new("telegram", "-200", "101", "Ben", IsDirect: false, IsAdmin: false, Text: text)
        {
            BotUserName = "ChatCoachBot",
            IsAddressedToBot = addressed,
        };

    public static InboundMessage Console(string text) =>
        new("console", "terminal", "local", "you", IsDirect: true, IsAdmin: true, Text: text) { AllowsBareCommands = true };

    public static InboundMessage Button(string action) =>
        new("discord", "300", "102", "Cy", IsDirect: false, IsAdmin: false, Text: null, Action: action) { ServerId = "900" };
}

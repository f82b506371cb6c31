using ChatCoach.Core.Conversation;

namespace ChatCoach.Testing;

/// <summary>
/// The one factory of inbound messages for every test project, shaped as the adapters build them. The short forms
/// (<see cref="Direct"/>, <see cref="Group"/>, <see cref="Console"/>, <see cref="Button"/>) are fixed people for the
/// router's specifications; the platform forms name the person and the chat.
/// </summary>
public static class Messages
{
    /// <summary>Ana (Telegram 100) in her direct chat with the bot.</summary>
    public static InboundMessage Direct(string text) =>
        TelegramDirect("100", "Ana", text) with { BotUserName = "ChatCoachBot" };

    /// <summary>Ben (Telegram 101) in group -200, not an admin; <paramref name="addressed"/> when he mentions the bot.</summary>
    public static InboundMessage Group(string text, bool addressed = false) =>
        TelegramGroup("101", "Ben", text, "-200") with { BotUserName = "ChatCoachBot", IsAddressedToBot = addressed };

    /// <summary>The local console user, who may type commands without a slash.</summary>
    public static InboundMessage Console(string text) =>
        new("console", "terminal", "local", "you", IsDirect: true, IsAdmin: true, Text: text) { AllowsBareCommands = true };

    /// <summary>Cy (Discord 102) pressing a button in channel 300 of server 900.</summary>
    public static InboundMessage Button(string action) =>
        DiscordChannel("102", "Cy", null, "300", "900") with { Action = action };

    /// <summary>A Telegram direct chat: the chat id is the user id, and the person manages it.</summary>
    public static InboundMessage TelegramDirect(string userId, string name, string? text) =>
        new("telegram", userId, userId, name, IsDirect: true, IsAdmin: true, text);

    public static InboundMessage TelegramGroup(string userId, string name, string text, string chatId = "-100200") =>
        new("telegram", chatId, userId, name, IsDirect: false, IsAdmin: false, text);

    public static InboundMessage TelegramDoneButton(string userId, string name, string chatId = "-100200") =>
        new("telegram", chatId, userId, name, IsDirect: false, IsAdmin: false, Text: null, Action: "done");

    public static InboundMessage DiscordChannel(string userId, string name, string? text, string channelId, string guildId, bool isAdmin = false) =>
        new("discord", channelId, userId, name, IsDirect: false, isAdmin, text) { ServerId = guildId };
}

using ChatCoach.Core.Conversation;

namespace ChatCoach.Storage.LiteDb.Tests.Fakes;

/// <summary>Realistic inbound messages as the adapters build them.</summary>
public static class Messages
{
    public static InboundMessage TelegramGroup(string userId, string name, string text, string chatId = "-100200") =>
        new("telegram", chatId, userId, name, IsDirect: false, IsAdmin: false, text);

    public static InboundMessage TelegramDirect(string userId, string name, string text) =>
        new("telegram", userId, userId, name, IsDirect: true, IsAdmin: true, text);

    public static InboundMessage TelegramDoneButton(string userId, string name, string chatId = "-100200") =>
        new("telegram", chatId, userId, name, IsDirect: false, IsAdmin: false, Text: null, Action: "done");

    public static InboundMessage DiscordChannel(string userId, string name, string text, string channelId, string guildId) =>
        new("discord", channelId, userId, name, IsDirect: false, IsAdmin: false, text) { ServerId = guildId };
}

using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Discord.Client;

namespace ChatCoach.Discord;

/// <summary>The bot's own identity, learned from READY.</summary>
internal sealed class DiscordBotIdentity
{
    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? ApplicationId { get; set; }
}

/// <summary>Discord events as the core's inbound messages.</summary>
internal static class DiscordInbound
{
    public const string Platform = "discord";

    public static InboundMessage? FromInteraction(Interaction interaction, DiscordBotIdentity bot)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var user = interaction.Member?.User ?? interaction.User;
        if (user is null || interaction.Data is null)
        {
            return null;
        }

        var isDirect = interaction.GuildId is null;

        // A slash command Discord delivers has passed the server's own permission settings (default_member_permissions
        // and the Integrations overrides an admin set), so its sender may run it. A button carries no such check.
        var isAdmin = isDirect || interaction.Type == InteractionTypes.ApplicationCommand || CanManage(interaction.Member?.Permissions);
        var chatId = interaction.ChannelId ?? user.Id;
        string? text = null;
        string? action = null;
        switch (interaction.Type)
        {
            case InteractionTypes.ApplicationCommand:
                text = DiscordCommands.ComposeText(interaction.Data);
                break;
            case InteractionTypes.MessageComponent when interaction.Data.CustomId is { Length: > 0 } customId:
                action = customId;
                break;
            default:
                return null;
        }

        return new InboundMessage(Platform, chatId, user.Id, DisplayName(user), isDirect, isAdmin, text, action)
        {
            ServerId = interaction.GuildId,
            BotUserName = bot.UserName,
            IsAddressedToBot = true,
            PlatformLanguage = interaction.Locale,
        };
    }

    /// <summary>A message that mentions the bot, or any message in a DM with it; null for everything else (and for bots).</summary>
    public static InboundMessage? FromMessage(DiscordMessage message, DiscordBotIdentity bot)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (bot.UserId is not { } botId || message.Author.Bot == true || message.Author.Id == botId || message.WebhookId is not null)
        {
            return null;
        }

        var content = message.Content ?? "";
        var isDirect = message.GuildId is null;
        var mentioned = (message.Mentions?.Any(u => u.Id == botId) ?? false)
            || content.Contains($"<@{botId}>", StringComparison.Ordinal)
            || content.Contains($"<@!{botId}>", StringComparison.Ordinal);
        if (!isDirect && !mentioned)
        {
            return null;
        }

        var text = content.Replace($"<@!{botId}>", " ", StringComparison.Ordinal).Replace($"<@{botId}>", " ", StringComparison.Ordinal);
        text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length == 0)
        {
            text = "/help";
        }

        return new InboundMessage(Platform, message.ChannelId, message.Author.Id, DisplayName(message.Author), isDirect, isDirect, text)
        {
            ServerId = message.GuildId,
            BotUserName = bot.UserName,
            IsAddressedToBot = true,
        };
    }

    /// <summary>Manage Channels, Manage Server or Administrator in the member's channel permissions.</summary>
    public static bool CanManage(string? permissions) =>
        ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
        && (bits & (Permissions.ManageChannels | Permissions.ManageGuild | Permissions.Administrator)) != 0;

    /// <summary>The shard that receives a guild's events and posts its routines; DMs belong to shard 0.</summary>
    public static int ShardFor(string? guildId, int shardCount) =>
        ulong.TryParse(guildId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (int)((id >> 22) % (ulong)shardCount) : 0;

    // The core keeps one name per person, shown on every leaderboard that person is on; a server nickname would then
    // show in other servers, so the name is the person's own (global name, else user name), the same everywhere.
    private static string DisplayName(DiscordUser user) =>
        user.GlobalName is { Length: > 0 } global ? global : user.Username;
}

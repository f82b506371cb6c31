using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// Whether a person administers a group, asked with getChatMember only for commands and button presses in groups
/// (never for ordinary chatter) and remembered for <see cref="TelegramOptions.AdminCacheDuration"/>, so that
/// promoting or demoting someone takes effect within that time.
/// </summary>
internal sealed class AdminCheck(ITelegramBotClient client, IOptions<TelegramOptions> options, TimeProvider time, ILogger<AdminCheck> logger)
{
    private readonly ConcurrentDictionary<(long Chat, long User), (bool IsAdmin, DateTimeOffset Expires)> _cache = new();
    private readonly ConcurrentDictionary<long, (bool CanPost, DateTimeOffset Expires)> _channelRights = new();

    /// <summary>
    /// Whether the bot may post in a channel (an administrator with <c>can_post_messages</c>): Telegram sends the bot
    /// channel posts once it is an administrator, but posting is a right of its own. Unknown (the lookup failed)
    /// counts as yes: the send then says what is wrong.
    /// </summary>
    public async Task<bool> BotCanPostAsync(long channelId, long botId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_channelRights.TryGetValue(channelId, out var cached) && cached.Expires > now)
        {
            return cached.CanPost;
        }

        try
        {
            var member = await client.GetChatMember(channelId, botId, cancellationToken);
            var canPost = member is global::Telegram.Bot.Types.ChatMemberAdministrator { CanPostMessages: true } or global::Telegram.Bot.Types.ChatMemberOwner;
            _channelRights[channelId] = (canPost, now + options.Value.AdminCacheDuration);
            return canPost;
        }
        catch (RequestException ex)
        {
            logger.LogWarning("Telegram getChatMember (the bot's rights) failed for channel {ChatId}: {Error}", channelId, Redaction.Redact(ex.Message, options.Value.Token));
            return true;
        }
    }

    public async Task<bool> IsAdminAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((chatId, userId), out var cached) && cached.Expires > now)
        {
            return cached.IsAdmin;
        }

        try
        {
            var member = await client.GetChatMember(chatId, userId, cancellationToken);
            var isAdmin = member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
            if (_cache.Count > 10_000)
            {
                foreach (var stale in _cache.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _cache.TryRemove(stale, out _);
                }
            }

            _cache[(chatId, userId)] = (isAdmin, now + options.Value.AdminCacheDuration);
            return isAdmin;
        }
        catch (RequestException ex)
        {
            // Not knowing means "not an admin": the worst case is a refused /subscribe the person can repeat.
            logger.LogWarning("Telegram getChatMember failed for chat {ChatId}: {Error}", chatId, Redaction.Redact(ex.Message, options.Value.Token));
            return false;
        }
    }
}

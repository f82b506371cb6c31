using System.Text.Json.Nodes;

namespace ChatCoach.Telegram.BotApi;

/// <summary>
/// Factories for realistic Bot API update JSON (the double assigns update_id, and dates a message without one with
/// its clock at <see cref="BotApiDouble.Enqueue"/>, as Telegram dates a message when it is sent).
/// </summary>
public static class Updates
{
    /// <summary>Dates the update's message (or the message under a pressed button) as sent at <paramref name="at"/>.</summary>
    public static JsonObject SentAt(JsonObject update, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(update);
        var message = update["message"] ?? update["channel_post"] ?? update["callback_query"]?["message"];
        message!["date"] = at.ToUnixTimeSeconds();
        return update;
    }

    public const long BotId = 7_000_000_001;
    public const string BotUserName = "ChatCoachTestBot";

    private static int s_messageId = 1000;

    public static JsonObject User(long id, string firstName = "Ana", string? userName = null, bool isBot = false) => new()
    {
        ["id"] = id,
        ["is_bot"] = isBot,
        ["first_name"] = firstName,
        ["username"] = userName ?? $"user{id}",
        ["language_code"] = "en",
    };

    public static JsonObject PrivateChat(long userId, string firstName = "Ana") => new()
    {
        ["id"] = userId,
        ["type"] = "private",
        ["first_name"] = firstName,
    };

    public static JsonObject GroupChat(long chatId, string title = "Knee Club") => new()
    {
        ["id"] = chatId,
        ["type"] = "supergroup",
        ["title"] = title,
    };

    public static JsonObject ChannelChat(long chatId, string title = "Knee News") => new()
    {
        ["id"] = chatId,
        ["type"] = "channel",
        ["title"] = title,
    };

    /// <summary>A post in a channel, as Telegram sends it to a bot that administers the channel: no <c>from</c>, the channel as <c>sender_chat</c>.</summary>
    public static JsonObject ChannelPost(long channelId, string text)
    {
        var chat = ChannelChat(channelId);
        var post = Message(chat, User(1), text);
        post.Remove("from");
        post["sender_chat"] = chat.DeepClone();
        return Wrap("channel_post", post);
    }

    /// <summary>A text message in a private chat; a leading /command gets its bot_command entity like Telegram adds.</summary>
    public static JsonObject PrivateMessage(long userId, string text, string firstName = "Ana") =>
        Wrap("message", Message(PrivateChat(userId, firstName), User(userId, firstName), text));

    /// <summary>A text message in a group (e.g. "/help@ChatCoachTestBot").</summary>
    public static JsonObject GroupMessage(long chatId, long userId, string text, string firstName = "Ben") =>
        Wrap("message", Message(GroupChat(chatId), User(userId, firstName), text));

    /// <summary>A message in a forum topic of a supergroup (is_topic_message, message_thread_id).</summary>
    public static JsonObject TopicMessage(long chatId, int threadId, long userId, string text, string firstName = "Eli")
    {
        var chat = GroupChat(chatId);
        chat["is_forum"] = true;
        var message = Message(chat, User(userId, firstName), text);
        message["message_thread_id"] = threadId;
        message["is_topic_message"] = true;
        return Wrap("message", message);
    }

    /// <summary>A group message that @mentions the bot somewhere in the text.</summary>
    public static JsonObject Mention(long chatId, long userId, string before, string after)
    {
        var text = $"{before}@{BotUserName}{after}";
        var message = Message(GroupChat(chatId), User(userId, "Cleo"), text);
        message["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = before.Length, ["length"] = BotUserName.Length + 1 });
        return Wrap("message", message);
    }

    /// <summary>A group message that replies to one of the bot's messages.</summary>
    public static JsonObject ReplyToBot(long chatId, long userId, string text)
    {
        var message = Message(GroupChat(chatId), User(userId, "Dev"), text);
        message["reply_to_message"] = Message(GroupChat(chatId), User(BotId, "ChatCoach", BotUserName, isBot: true), "Earlier answer");
        return Wrap("message", message);
    }

    public static JsonObject Edited(long userId, string text)
    {
        var message = Message(PrivateChat(userId), User(userId), text);
        message["edit_date"] = 1_700_000_100;
        return Wrap("edited_message", message);
    }

    /// <summary>A press of an inline button under one of the bot's messages.</summary>
    public static JsonObject Callback(JsonObject chat, long userId, string data, string firstName = "Ana") => Wrap("callback_query", new JsonObject
    {
        ["id"] = $"cb{Interlocked.Increment(ref s_messageId)}",
        ["from"] = User(userId, firstName),
        ["message"] = Message(chat, User(BotId, "ChatCoach", BotUserName, isBot: true), "Today's routine"),
        ["chat_instance"] = "-5551234",
        ["data"] = data,
    });

    /// <summary>The service message Telegram posts in a group that became a supergroup (sent in the old group).</summary>
    public static JsonObject MigrateTo(long groupId, long supergroupId)
    {
        var message = ServiceMessage(new JsonObject { ["id"] = groupId, ["type"] = "group", ["title"] = "Knee Club" });
        message["migrate_to_chat_id"] = supergroupId;
        return Wrap("message", message);
    }

    /// <summary>The service message that opens the new supergroup, naming the group it came from.</summary>
    public static JsonObject MigrateFrom(long supergroupId, long groupId)
    {
        var message = ServiceMessage(GroupChat(supergroupId));
        message["migrate_from_chat_id"] = groupId;
        return Wrap("message", message);
    }

    /// <summary>The bot's own membership of a chat changed (added, removed, blocked): <c>my_chat_member</c>.</summary>
    public static JsonObject MyChatMember(JsonObject chat, long byUserId, string oldStatus, string newStatus)
    {
        JsonObject Member(string status)
        {
            var member = new JsonObject { ["status"] = status, ["user"] = User(BotId, "ChatCoach", BotUserName, isBot: true) };
            if (status == "kicked")
            {
                member["until_date"] = 0;
            }

            return member;
        }

        return Wrap("my_chat_member", new JsonObject
        {
            ["chat"] = chat.DeepClone(),
            ["from"] = User(byUserId, "Admin"),
            ["old_chat_member"] = Member(oldStatus),
            ["new_chat_member"] = Member(newStatus),
        });
    }

    public static JsonObject Message(JsonObject chat, JsonObject from, string text)
    {
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref s_messageId),
            ["from"] = from,
            ["chat"] = chat.DeepClone(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            var end = text.IndexOfAny([' ', '\n']);
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? text.Length : end });
        }

        return message;
    }

    private static JsonObject ServiceMessage(JsonObject chat) => new()
    {
        ["message_id"] = Interlocked.Increment(ref s_messageId),
        ["from"] = User(1, "Admin"),
        ["chat"] = chat,
    };

    private static JsonObject Wrap(string kind, JsonObject payload) => new() { [kind] = payload };
}

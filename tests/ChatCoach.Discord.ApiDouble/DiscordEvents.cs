using System.Text.Json.Nodes;

namespace ChatCoach.Discord.ApiDouble;

/// <summary>
/// Realistic gateway payloads (the fields Discord sends, not only the ones the bot reads), so tests exercise the
/// same JSON the bot will see in production.
/// </summary>
public static class DiscordEvents
{
    public const string GuildId = "1100000000000000001";
    public const string ChannelId = "1200000000000000001";
    public const string ManageChannels = "16";

    // VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS: an ordinary member.
    public const string OrdinaryMember = "2147552256";

    private static long _next = 1_300_000_000_000_000_000;

    public static string NewId() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly DateTimeOffset DiscordEpoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A snowflake whose timestamp is <paramref name="time"/> (the low 22 bits are worker, process and increment).</summary>
    public static string SnowflakeAt(DateTimeOffset time, ulong sequence = 0) =>
        ((((ulong)(time - DiscordEpoch).TotalMilliseconds) << 22) | (sequence & 0x3FFFFF)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset TimeOf(string snowflake) => DiscordEpoch.AddMilliseconds(ulong.Parse(snowflake, System.Globalization.CultureInfo.InvariantCulture) >> 22);

    // VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | SEND_MESSAGES_IN_THREADS: what the invite asks for.
    public const string BotPermissions = "274877926400";

    /// <summary>GUILD_CREATE as Discord sends it when the bot joins or a shard starts: the guild with its channels and threads.</summary>
    public static JsonObject GuildCreate(string guildId, IReadOnlyList<string> channelIds, IReadOnlyList<string>? threadIds = null) => new()
    {
        ["id"] = guildId,
        ["name"] = "Runners",
        ["unavailable"] = false,
        ["member_count"] = 42,
        ["channels"] = new JsonArray([.. channelIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["type"] = 0, ["guild_id"] = guildId, ["name"] = "general" })]),
        ["threads"] = new JsonArray([.. (threadIds ?? []).Select(id => (JsonNode)new JsonObject { ["id"] = id, ["type"] = 11, ["guild_id"] = guildId, ["parent_id"] = channelIds[0] })]),
    };

    /// <summary>GUILD_DELETE: <paramref name="unavailable"/> true is an outage; absent means the bot was removed.</summary>
    public static JsonObject GuildDelete(string guildId, bool unavailable = false)
    {
        var data = new JsonObject { ["id"] = guildId };
        if (unavailable)
        {
            data["unavailable"] = true;
        }

        return data;
    }

    /// <summary>CHANNEL_DELETE (type 0) or THREAD_DELETE (type 11): THREAD_DELETE carries only id, guild_id, parent_id and type.</summary>
    public static JsonObject ChannelDelete(string channelId, string guildId = GuildId, int type = 0) => new()
    {
        ["id"] = channelId,
        ["guild_id"] = guildId,
        ["type"] = type,
        ["parent_id"] = type == 0 ? null : ChannelId,
    };

    /// <summary>An autocomplete interaction (type 4): the focused option holds what the person has typed so far.</summary>
    public static JsonObject Autocomplete(string applicationId, string name, string option, string typed, string? guildId = GuildId)
    {
        var data = new JsonObject
        {
            ["id"] = "1500000000000000" + name.Length.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = typed, ["focused"] = true }),
        };
        return Interaction(applicationId, 4, data, "1400000000000000001", "runner", guildId, ChannelId, OrdinaryMember, BotPermissions, 0);
    }

    public static JsonObject User(string id, string name, bool bot = false) => new()
    {
        ["id"] = id,
        ["username"] = name,
        ["global_name"] = bot ? null : char.ToUpperInvariant(name[0]) + name[1..],
        ["discriminator"] = "0",
        ["avatar"] = null,
        ["bot"] = bot ? true : null,
        ["public_flags"] = 0,
    };

    public static JsonObject Member(JsonObject user, string permissions, string? nick = null) => new()
    {
        ["user"] = user,
        ["nick"] = nick,
        ["roles"] = new JsonArray(),
        ["joined_at"] = "2024-03-01T10:00:00.000000+00:00",
        ["deaf"] = false,
        ["mute"] = false,
        ["flags"] = 0,
        ["pending"] = false,
        ["permissions"] = permissions,
    };

    /// <summary>A slash command in a guild channel (or a DM when <paramref name="guildId"/> is null).</summary>
    public static JsonObject SlashCommand(
        string applicationId,
        string name,
        IReadOnlyList<(string Name, string Value)>? options = null,
        string userId = "1400000000000000001",
        string userName = "runner",
        string? guildId = GuildId,
        string channelId = ChannelId,
        string permissions = OrdinaryMember,
        string appPermissions = BotPermissions,
        int channelType = 0)
    {
        var data = new JsonObject
        {
            ["id"] = "1500000000000000" + name.Length.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = name,
            ["type"] = 1,
        };
        if (options is { Count: > 0 })
        {
            data["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value })]);
        }

        if (guildId is not null)
        {
            data["guild_id"] = guildId;
        }

        return Interaction(applicationId, 2, data, userId, userName, guildId, channelId, permissions, appPermissions, channelType);
    }

    public static JsonObject ButtonPress(
        string applicationId,
        string customId,
        string userId = "1400000000000000001",
        string userName = "runner",
        string? guildId = GuildId,
        string channelId = ChannelId)
    {
        var data = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        var interaction = Interaction(applicationId, 3, data, userId, userName, guildId, channelId, OrdinaryMember, BotPermissions, 0);
        interaction["message"] = new JsonObject
        {
            ["id"] = NewId(),
            ["channel_id"] = channelId,
            ["content"] = "",
            ["author"] = User("900000000000000002", "chatcoach", bot: true),
            ["flags"] = 0,
        };
        return interaction;
    }

    public static JsonObject Message(
        string content,
        string authorId = "1400000000000000001",
        string authorName = "runner",
        bool authorIsBot = false,
        string? guildId = GuildId,
        string channelId = ChannelId,
        IReadOnlyList<string>? mentionIds = null)
    {
        var author = User(authorId, authorName, authorIsBot);
        var message = new JsonObject
        {
            ["id"] = NewId(),
            ["type"] = 0,
            ["channel_id"] = channelId,
            ["author"] = author,
            ["content"] = content,
            ["timestamp"] = "2026-11-23T10:00:00.000000+00:00",
            ["edited_timestamp"] = null,
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["mentions"] = new JsonArray([.. (mentionIds ?? []).Select(id => (JsonNode)User(id, "chatcoach", bot: true))]),
            ["mention_roles"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["embeds"] = new JsonArray(),
            ["pinned"] = false,
            ["flags"] = 0,
            ["components"] = new JsonArray(),
        };
        if (guildId is not null)
        {
            message["guild_id"] = guildId;
            message["member"] = new JsonObject { ["roles"] = new JsonArray(), ["joined_at"] = "2024-03-01T10:00:00.000000+00:00", ["nick"] = null };
        }

        return message;
    }

    // The id is left for the double to stamp at dispatch (a snowflake on its clock), as Discord creates it then.
    private static JsonObject Interaction(string applicationId, int type, JsonObject data, string userId, string userName, string? guildId, string channelId, string permissions, string appPermissions, int channelType)
    {
        var user = User(userId, userName);
        var interaction = new JsonObject
        {
            ["id"] = NewId(),
            ["application_id"] = applicationId,
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = channelId,
            ["channel"] = new JsonObject { ["id"] = channelId, ["type"] = guildId is null ? 1 : channelType },
            ["token"] = "aW50ZXJhY3Rpb246" + NewId() + "OnRva2Vu",
            ["version"] = 1,
            ["locale"] = "en-GB",
            ["app_permissions"] = appPermissions,
            ["entitlements"] = new JsonArray(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = guildId ?? "0" },
            ["context"] = guildId is null ? 1 : 0,
            ["attachment_size_limit"] = 10485760,
        };
        if (guildId is not null)
        {
            interaction["guild_id"] = guildId;
            interaction["guild"] = new JsonObject { ["id"] = guildId, ["locale"] = "en-US", ["features"] = new JsonArray() };
            interaction["guild_locale"] = "en-US";
            interaction["member"] = Member(user, permissions);
        }
        else
        {
            interaction["user"] = user;
        }

        return interaction;
    }
}

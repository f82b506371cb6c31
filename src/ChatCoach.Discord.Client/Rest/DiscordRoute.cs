namespace ChatCoach.Discord.Client;

/// <summary>
/// How Discord counts a request: the route with ids replaced (<c>POST /channels/:id/messages</c>) plus the major
/// parameter (the channel, guild or webhook id), which gets its own limit per value.
/// </summary>
internal readonly record struct DiscordRoute(string Key, string Major, bool IsInteractionCallback, bool IsWebhook)
{
    /// <summary>Interaction callbacks and interaction webhooks do not count toward the global 50/s limit.</summary>
    public bool ExemptFromGlobal => IsInteractionCallback || IsWebhook;

    public static DiscordRoute Parse(HttpMethod method, string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var major = "";
        var template = new string[segments.Length];
        var top = segments.Length > 0 ? segments[0] : "";
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (i == 1 && top is "channels" or "guilds" or "webhooks" && IsSnowflake(segment))
            {
                major = segment;
                template[i] = ":major";
            }
            else if (i == 2 && top is "webhooks" or "interactions")
            {
                // The interaction or webhook token: part of the webhook's identity, never part of a logged name.
                if (top == "webhooks")
                {
                    major += "/" + segment;
                }

                template[i] = ":token";
            }
            else
            {
                template[i] = IsSnowflake(segment) ? ":id" : segment;
            }
        }

        return new DiscordRoute(
            $"{method.Method} /{string.Join('/', template)}",
            major,
            IsInteractionCallback: top == "interactions",
            IsWebhook: top == "webhooks");
    }

    /// <summary>The route with ids and tokens replaced: safe to log.</summary>
    public override string ToString() => Key;

    private static bool IsSnowflake(string segment) => segment.Length is > 0 and <= 20 && segment.All(char.IsAsciiDigit);
}

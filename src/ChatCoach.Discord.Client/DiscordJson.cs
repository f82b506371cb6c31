using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCoach.Discord.Client;

/// <summary>Discord's JSON conventions: snake_case names, snowflakes as strings, absent rather than null optionals.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

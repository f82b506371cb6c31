using System.Text.RegularExpressions;

namespace ChatCoach.Telegram;

/// <summary>Telegram request URLs carry the token (<c>/bot123:ABC/sendMessage</c>); nothing we log or show may.</summary>
internal static partial class Redaction
{
    public static string Redact(string? text, string? token)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (!string.IsNullOrEmpty(token))
        {
            text = text.Replace(token, "[token]", StringComparison.Ordinal);
        }

        return TokenLike().Replace(text, "[token]");
    }

    [GeneratedRegex("[0-9]{5,20}:[A-Za-z0-9_-]{20,200}")]
    private static partial Regex TokenLike();
}

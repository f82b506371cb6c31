using System.Globalization;
using System.Resources;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Resources;

/// <summary>
/// The replies' texts, one resource set per culture (<c>ChatTexts.resx</c> neutral English, <c>ChatTexts.zh.resx</c>
/// Simplified Chinese) through .NET's <see cref="ResourceManager"/>; zh-CN, zh-TW and the rest fall back to zh. Each
/// sentence is one text with placeholders, never glued from pieces.
/// </summary>
public static class ChatTexts
{
    private static readonly ResourceManager Manager = new("ChatCoach.Core.Resources.ChatTexts", typeof(ChatTexts).Assembly);

    public static string Get(string name, CultureInfo culture) =>
        Manager.GetString(name, culture) ?? throw new MissingManifestResourceException($"chat text '{name}' is missing");

    /// <summary>A text with its placeholders filled by the culture's rules.</summary>
    public static string Format(string name, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Get(name, culture), arguments);

    /// <summary>Like <see cref="Reply.Error"/>, with the title in the culture's language.</summary>
    public static Reply Error(CultureInfo culture, string message, params string[] hints) =>
        Reply.Error(message, hints) with { Title = Get("error.title", culture) };
}

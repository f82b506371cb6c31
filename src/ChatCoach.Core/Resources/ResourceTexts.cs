using System.Globalization;
using System.Resources;

namespace ChatCoach.Core.Resources;

/// <summary>
/// One resource set's texts (<c>Name.resx</c> neutral English, <c>Name.zh.resx</c> Simplified Chinese) through .NET's
/// <see cref="ResourceManager"/>: zh-CN, zh-Hans, zh-TW and zh-Hant fall back to zh. Each sentence is one text with
/// placeholders, never glued from pieces. The sets (<see cref="ChatTexts"/>, coaching, people…) share this code.
/// </summary>
public sealed class ResourceTexts(string baseName, string kind)
{
    /// <summary>The .NET resource manager behind the set (for tests that compare the cultures' keys).</summary>
    public ResourceManager Manager { get; } = new(baseName, typeof(ResourceTexts).Assembly);

    public string Get(string name, CultureInfo culture) =>
        Manager.GetString(name, culture) ?? throw new MissingManifestResourceException($"{kind} text '{name}' is missing");

    /// <summary>A text with its placeholders filled by the culture's rules.</summary>
    public string Format(string name, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Get(name, culture), arguments);
}

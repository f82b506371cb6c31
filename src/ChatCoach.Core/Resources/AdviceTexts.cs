using System.Globalization;
using System.Resources;
using System.Text;

namespace ChatCoach.Core.Resources;

/// <summary>
/// The advice replies' texts, one resource set per culture (<c>AdviceTexts.resx</c> neutral English,
/// <c>AdviceTexts.zh.resx</c> Simplified Chinese), read through .NET's <see cref="ResourceManager"/>: zh-CN, zh-Hans,
/// zh-TW and zh-Hant all fall back to zh.
/// </summary>
internal static class AdviceTexts
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh");

    private static readonly ResourceManager Manager = new("ChatCoach.Core.Resources.AdviceTexts", typeof(AdviceTexts).Assembly);

    public static string Get(string name, CultureInfo culture) =>
        Manager.GetString(name, culture) ?? throw new MissingManifestResourceException($"advice text '{name}' is missing");

    /// <summary>A text with one placeholder, filled by the culture's rules.</summary>
    public static string Format(string name, CultureInfo culture, string argument) =>
        string.Format(culture, CompositeFormat.Parse(Get(name, culture)), argument);
}

using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Coaching;

/// <summary>
/// The coaching replies' texts, one resource set per culture (<c>Resources/CoachingTexts.resx</c> neutral English,
/// <c>CoachingTexts.zh.resx</c> Simplified Chinese), and the pain buttons. Dates go through <see cref="ChatTexts.Day"/>
/// and <see cref="ChatTexts.ShortDay"/>, so every reply writes them one way per culture.
/// </summary>
public static class CoachingTexts
{
    public const string PainAction = "pain";

    public const string ProfessionalEntryId = "professional-when-to-see";

    /// <summary>Each range is stored as its upper end (6 for 6+), so the thresholds 4 and 6 and "at most 3" hold for a tap too.</summary>
    private static readonly int[] PainButtonScores = [1, 3, 5, 6];

    public static ResourceTexts Texts { get; } = new("ChatCoach.Core.Resources.CoachingTexts", "coaching");

    /// <summary>The English pain buttons: 0–1 · 2–3 · 4–5 · 6+.</summary>
    public static IReadOnlyList<ReplyButton> PainButtons { get; } = PainButtonsIn(Languages.EnglishCulture);

    public static string Get(string name, CultureInfo culture) => Texts.Get(name, culture);

    public static string Format(string name, CultureInfo culture, params object?[] arguments) => Texts.Format(name, culture, arguments);

    /// <summary>The pain buttons labelled in the culture's words; the actions are the same in every language.</summary>
    public static IReadOnlyList<ReplyButton> PainButtonsIn(CultureInfo culture) =>
        [.. PainButtonScores.Select(score => new ReplyButton(
            Get("pain.button." + score.ToString(CultureInfo.InvariantCulture), culture),
            PainAction + ":" + score.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The culture a handler answers in: the person's (<see cref="PersonCultures"/>), English without one.</summary>
    public static async Task<CultureInfo> CultureOfAsync(PersonCultures? cultures, InboundMessage message, CancellationToken cancellationToken) =>
        cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(message, cancellationToken);
}

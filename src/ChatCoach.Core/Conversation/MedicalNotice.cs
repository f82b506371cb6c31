using System.Globalization;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Conversation;

/// <summary>The one-line reminder that ends every piece of advice.</summary>
public static class MedicalNotice
{
    public const string Text = "This is general information, not medical advice. If pain persists or worsens, see a doctor or physiotherapist.";

    /// <summary>The notice in the culture's language (<see cref="Text"/> in English).</summary>
    public static string For(CultureInfo culture) => ChatTexts.Get("notice.medical", culture);
}

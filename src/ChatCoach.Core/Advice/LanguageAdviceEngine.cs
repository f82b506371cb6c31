using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Answers each message in the language it is written in: Chinese when Han characters outnumber Latin letters,
/// English otherwise. The English engine is unchanged.
/// </summary>
public sealed class LanguageAdviceEngine(IAdviceEngine english, IAdviceEngine chinese) : IAdviceEngine
{
    public Reply Answer(string? question) =>
        MessageLanguage.Detect(question) == MessageLanguage.Chinese ? chinese.Answer(question) : english.Answer(question);

    public Reply Answer(string? question, string personLanguage) =>
        !MessageLanguage.HasLetters(question) && personLanguage == MessageLanguage.Chinese ? chinese.Answer(question) : Answer(question);
}

/// <summary>The language a free-text message is written in, from its script.</summary>
public static class MessageLanguage
{
    public const string English = "en";
    public const string Chinese = "zh";

    /// <summary>Whether the text holds any letter (Latin, Han or other) to tell its language by.</summary>
    public static bool HasLetters(string? text) => text is not null && text.Any(char.IsLetter);

    /// <summary><see cref="Chinese"/> when Han characters outnumber Latin letters (and there is at least one), else <see cref="English"/>.</summary>
    public static string Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return English;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, AdviceEngine.MaxChars));
        var han = ChineseText.CountHan(span);
        if (han == 0)
        {
            return English;
        }

        var latin = 0;
        foreach (var c in span)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                latin++;
            }
        }

        // A Han character carries about a word; a Latin word about five letters.
        return han * 4 >= latin ? Chinese : English;
    }
}

using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice;

/// <summary>Answers a free-text knee question. Safe to call from many threads at once.</summary>
public interface IAdviceEngine
{
    /// <summary>
    /// Always returns a reply, whatever the input: <see cref="ReplyKinds.Advice"/>, <see cref="ReplyKinds.Urgent"/>,
    /// <see cref="ReplyKinds.OffTopic"/> or <see cref="ReplyKinds.Fallback"/>.
    /// </summary>
    Reply Answer(string? question);

    /// <summary>
    /// Like <see cref="Answer(string?)"/>, for a message with no letters to tell its language by (empty, emoji, digits):
    /// answered in <paramref name="personLanguage"/> where the engine speaks it.
    /// </summary>
    Reply Answer(string? question, string personLanguage) => Answer(question);
}

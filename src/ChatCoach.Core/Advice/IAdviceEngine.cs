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
}

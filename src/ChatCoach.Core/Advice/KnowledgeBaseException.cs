namespace ChatCoach.Core.Advice;

/// <summary>
/// The knowledge base cannot be loaded: a missing or empty directory, or a malformed entry. The message is one
/// line that names the file and the problem, so that the host can print it instead of a stack trace.
/// </summary>
public sealed class KnowledgeBaseException : Exception
{
    public KnowledgeBaseException()
    {
    }

    public KnowledgeBaseException(string message)
        : base(message)
    {
    }

    public KnowledgeBaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

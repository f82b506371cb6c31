using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Loads the knowledge base while options are validated at start, so that a missing directory or a malformed entry
/// stops the host with one line naming the file (an <see cref="OptionsValidationException"/>), not a stack trace on
/// the first question.
/// </summary>
internal sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Fail("Knowledge:Path must name the knowledge base directory.");
        }

        try
        {
            KnowledgeBaseLoader.Load(options.Path, options.ResolveSourcesFile());
            return ValidateOptionsResult.Success;
        }
        catch (KnowledgeBaseException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}

using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Advice;

/// <summary>
/// Checks at start that the knowledge base is where the settings say. The entries themselves are parsed once, when the
/// engine is built (<see cref="AdviceRegistration.LoadEngine"/>), which reports a malformed entry the same way.
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

        if (!Directory.Exists(options.FullPath))
        {
            return ValidateOptionsResult.Fail($"Knowledge:Path: the knowledge base directory '{options.FullPath}' does not exist.");
        }

        var sources = options.ResolveSourcesFile();
        return File.Exists(sources)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Knowledge:SourcesFile: the sources list '{sources}' does not exist.");
    }
}

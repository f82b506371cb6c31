using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;

namespace ChatCoach.Core.Advice;

/// <summary><c>/ask &lt;question&gt;</c>, and every free-text message the router treats as a question.</summary>
public sealed class AskHandler(IAdviceEngine engine, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "ask";

    public string Usage => "ask <question>";

    public string Description => "Ask about knee pain in your own words";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A question is answered in the language it is written in; only one without letters (a bare /ask, emoji)
        // needs the person's language, so only then is it looked up.
        if (cultures is null || MessageLanguage.HasLetters(request.Arguments))
        {
            return engine.Answer(request.Arguments);
        }

        var (language, _) = await cultures.LanguageOfAsync(request.Message, cancellationToken);
        return engine.Answer(request.Arguments, language);
    }
}

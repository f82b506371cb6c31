using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Storage;

namespace ChatCoach.Core.People;

/// <summary><c>/language zh|en</c> chooses the language commands are answered in; <c>/language</c> shows it and where it came from.</summary>
public sealed class LanguageHandler(IPersonStore people, PersonCultures cultures) : ICommandHandler
{
    public string Name => "language";

    public string Usage => "language [zh|en]";

    public string Description => "Choose the language I speak to you in: English or Chinese";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        if (request.Arguments.Length == 0)
        {
            var (language, chosen) = await cultures.LanguageOfAsync(message, cancellationToken);
            var culture = Languages.CultureOf(language);
            var name = ChatTexts.Get("language.name." + language, culture);
            var shown = chosen
                ? ChatTexts.Format("language.shown.chosen", culture, name)
                : Languages.FromPlatformTag(message.PlatformLanguage) is not null
                    ? ChatTexts.Format("language.shown.platform", culture, name, PlatformName(message.Platform))
                    : ChatTexts.Format("language.shown.default", culture, name);
            return new Reply
            {
                Title = ChatTexts.Get("language.title", culture),
                Blocks = [new Paragraph(shown), new Paragraph(ChatTexts.Get("language.howto", culture))],
                IsPrivate = true,
            };
        }

        if (Languages.Parse(request.Arguments) is not { } choice)
        {
            var current = await cultures.CultureOfAsync(message, cancellationToken);
            return ChatTexts.Error(
                current,
                ChatTexts.Format("language.unknown", current, request.Arguments.Length > 20 ? request.Arguments[..20] + "…" : request.Arguments),
                ChatTexts.Get("language.unknown.hint", current));
        }

        await people.SaveLanguageAsync(message.Person, choice, cancellationToken);
        var now = Languages.CultureOf(choice);
        return new Reply
        {
            Title = ChatTexts.Get("language.set.title", now),
            Blocks = [new Paragraph(ChatTexts.Format("language.set", now, ChatTexts.Get("language.name." + choice, now)))],
            IsPrivate = true,
        };
    }

    private static string PlatformName(string platform) => platform switch
    {
        "telegram" => "Telegram",
        "discord" => "Discord",
        var other => other,
    };
}

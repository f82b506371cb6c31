using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCoach.Core.Conversation;

/// <summary>
/// <c>/help</c> and <c>/start</c>: generated from the registered handlers, so it never goes stale. <c>/start</c> with a
/// deep-link payload goes to the <see cref="IStartPayloadHandler"/> that reads it; an unknown payload gets the help.
/// </summary>
// The catalog is resolved per call because the catalog itself is built from all handlers, this one included.
public sealed class HelpHandler(IServiceProvider services, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "help";

    public IReadOnlyList<string> Aliases => ["start"];

    public string Usage => "help";

    public string Description => "What I can do and how to ask";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Command, "start", StringComparison.OrdinalIgnoreCase) && request.Arguments.Length > 0)
        {
            foreach (var opener in services.GetServices<IStartPayloadHandler>())
            {
                if (await opener.TryOpenAsync(request, request.Arguments, cancellationToken) is { } opened)
                {
                    return opened;
                }
            }
        }

        var culture = cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(request.Message, cancellationToken);
        var catalog = services.GetRequiredService<ICommandCatalog>();

        // A command without a description in this culture keeps its English one rather than disappearing from help.
        var lines = catalog.Commands.Select(c => $"/{c.Usage} — {CommandTexts.Description(c.Name, culture) ?? c.Description}").ToList();
        List<ReplyBlock> blocks =
        [
            new Paragraph(ChatTexts.Get(request.Message.IsDirect ? "help.intro.direct" : "help.intro.group", culture)),
            new BulletList(lines, ChatTexts.Get("help.commands", culture)),
            new Paragraph(ChatTexts.Get("help.example", culture)),
        ];
        if (Languages.IsChinese(culture))
        {
            blocks.Add(new Paragraph(ChatTexts.Get("help.language", culture)));
        }

        blocks.Add(new Paragraph(MedicalNotice.For(culture)));
        return new Reply
        {
            Title = ChatTexts.Get("help.title", culture),
            Blocks = blocks,
            Kind = ReplyKinds.Help,
        };
    }
}

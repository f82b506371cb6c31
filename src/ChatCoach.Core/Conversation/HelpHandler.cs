using Microsoft.Extensions.DependencyInjection;

namespace ChatCoach.Core.Conversation;

/// <summary>
/// <c>/help</c> and <c>/start</c>: generated from the registered handlers, so it never goes stale. <c>/start</c> with a
/// deep-link payload goes to the <see cref="IStartPayloadHandler"/> that reads it; an unknown payload gets the help.
/// </summary>
// The catalog is resolved per call because the catalog itself is built from all handlers, this one included.
public sealed class HelpHandler(IServiceProvider services) : ICommandHandler
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

        var catalog = services.GetRequiredService<ICommandCatalog>();
        var lines = catalog.Commands.Select(c => $"/{c.Usage} — {c.Description}").ToList();
        var intro = request.Message.IsDirect
            ? "I'm ChatCoach, a running coach for sore knees. Ask me about knee pain in your own words, or use a command."
            : "I'm ChatCoach, a running coach for sore knees. Mention me with a question, or use a command.";
        return new Reply
        {
            Title = "ChatCoach — help",
            Blocks =
            [
                new Paragraph(intro),
                new BulletList(lines, "Commands"),
                new Paragraph("Example: \"my knee hurts going down stairs after a run\"."),
                new Paragraph(MedicalNotice.Text),
            ],
            Kind = ReplyKinds.Help,
        };
    }
}

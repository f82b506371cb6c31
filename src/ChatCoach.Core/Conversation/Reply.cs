namespace ChatCoach.Core.Conversation;

/// <summary>
/// A platform-neutral answer. Adapters render it (Telegram HTML, Discord embed, plain text) and
/// are responsible for escaping every string in it; nothing here is pre-formatted markup.
/// </summary>
public sealed record Reply
{
    public string? Title { get; init; }

    public IReadOnlyList<ReplyBlock> Blocks { get; init; } = [];

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>Shown only to the asker where the platform can (Discord ephemeral replies).</summary>
    public bool IsPrivate { get; init; }

    /// <summary>
    /// For a private reply to a button pressed in a group where the platform cannot answer privately in place (Telegram):
    /// the adapter sends the reply to the presser's private chat, or, when the bot may not write to them first, points
    /// them to it with this start payload (<c>/start &lt;payload&gt;</c> there shows the same reply). Null for none.
    /// </summary>
    public string? StartPayload { get; init; }

    /// <summary>A very short status for a button press (a Telegram toast, for example): "Day 5 🔥".</summary>
    public string? Notice { get; init; }

    /// <summary>What sort of answer this is: <c>advice</c>, <c>urgent</c>, <c>fallback</c>, <c>off-topic</c>, <c>help</c>, <c>error</c>, …</summary>
    public string Kind { get; init; } = ReplyKinds.Info;

    /// <summary>Ids of the knowledge entries the answer used, if any.</summary>
    public IReadOnlyList<string> EntryIds { get; init; } = [];

    /// <summary>How the answer was reached (the advice engine's rule, or nearest exemplars and scores); never shown to users.</summary>
    public string? Why { get; init; }

    /// <summary>
    /// A file sent with the reply, only to the asker's chat: a picture (<see cref="AttachmentKind.Photo"/>, the
    /// <c>/progress</c> chart: a Telegram photo, a Discord attachment, a console file) or a document
    /// (<see cref="AttachmentKind.Document"/>, the <c>/mydata</c> export). Null for none. The blocks still say
    /// everything in text, so an adapter may leave a picture out; a document is the answer itself.
    /// </summary>
    public ReplyAttachment? Attachment { get; init; }

    public static Reply Text(string title, params string[] paragraphs) => new()
    {
        Title = title,
        Blocks = [.. paragraphs.Select(p => new Paragraph(p))],
    };

    public static Reply Error(string message, params string[] hints) => new()
    {
        Title = "That didn't work",
        Blocks = [new Paragraph(message), .. hints.Length > 0 ? new ReplyBlock[] { new BulletList(hints) } : []],
        IsPrivate = true,
        Kind = ReplyKinds.Error,
    };
}

public static class ReplyKinds
{
    public const string Info = "info";
    public const string Help = "help";
    public const string Advice = "advice";
    public const string Urgent = "urgent";
    public const string Fallback = "fallback";
    public const string OffTopic = "off-topic";
    public const string Error = "error";
    public const string Routine = "routine";
}

/// <summary>What an attachment is, which decides how an adapter sends it.</summary>
public enum AttachmentKind
{
    /// <summary>A file to keep (Telegram sendDocument).</summary>
    Document,

    /// <summary>A picture to look at (Telegram sendPhoto); <see cref="ReplyAttachment.Width"/> and <see cref="ReplyAttachment.Height"/> are set.</summary>
    Photo,
}

/// <summary>A file attached to a reply.</summary>
/// <param name="Kind">A picture or a document.</param>
/// <param name="FileName">A plain file name (no folders), e.g. <c>chatcoach-mydata.json</c>.</param>
/// <param name="MediaType">Its media type, e.g. <c>application/json</c> or <c>image/png</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record ReplyAttachment(AttachmentKind Kind, string FileName, string MediaType, ReadOnlyMemory<byte> Content)
{
    /// <summary>A picture's width in pixels (0 for a document).</summary>
    public int Width { get; init; }

    /// <summary>A picture's height in pixels (0 for a document).</summary>
    public int Height { get; init; }

    /// <summary>A description of a picture for those who cannot see it.</summary>
    public string? AltText { get; init; }

    public static ReplyAttachment Document(string fileName, string mediaType, ReadOnlyMemory<byte> content) =>
        new(AttachmentKind.Document, fileName, mediaType, content);

    public static ReplyAttachment Png(ReadOnlyMemory<byte> png, string fileName, int width, int height, string altText) =>
        new(AttachmentKind.Photo, fileName, "image/png", png) { Width = width, Height = height, AltText = altText };
}

/// <summary>A piece of a reply's body.</summary>
public abstract record ReplyBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record Paragraph(string Text) : ReplyBlock;

/// <summary>A list of short items, optionally with a heading.</summary>
public sealed record BulletList(IReadOnlyList<string> Items, string? Heading = null) : ReplyBlock;

/// <summary>
/// A button under a reply. <see cref="Action"/> is routed like a command: <c>done</c>, or <c>routine:hips</c>
/// (handler name, then an optional argument after a colon). Keep it short: platforms cap callback data (64 bytes).
/// </summary>
public sealed record ReplyButton(string Label, string Action);

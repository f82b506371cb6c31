using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Advice;

/// <summary>The fixed texts of the advice engine's replies, in one place so they read as a set.</summary>
internal static class AdviceReplies
{
    public const int MaxAdviceLength = 1200;

    private const string ExampleQuestion = "\"my knee hurts going down stairs after a run\"";

    private static readonly BulletList WhatICanDo = new(
    [
        $"Ask about knee pain in your own words, e.g. {ExampleQuestion}",
        "/routine — today's stretch and strength routine",
        "/streak — your streak of completed routines",
        "/help — everything I can do",
    ], "What I can do");

    public static readonly Reply Prompt = new()
    {
        Title = "Ask me about knee pain",
        Blocks =
        [
            new Paragraph($"Ask me about knee pain, e.g. {ExampleQuestion} or \"what stretches help runner's knee?\""),
        ],
        Kind = ReplyKinds.Fallback,
    };

    public static readonly Reply NoWords = new()
    {
        Title = "I couldn't find a question there",
        Blocks =
        [
            new Paragraph($"I read words, not pictures or symbols. Ask me about knee pain, e.g. {ExampleQuestion}."),
            WhatICanDo,
        ],
        Kind = ReplyKinds.Fallback,
    };

    public static readonly Reply NotEnglish = new()
    {
        Title = "English only, for now",
        Blocks =
        [
            new Paragraph($"Sorry, I can only read questions in English for now. Try e.g. {ExampleQuestion}."),
            WhatICanDo,
        ],
        Kind = ReplyKinds.Fallback,
    };

    public static readonly Reply Fallback = new()
    {
        Title = "I can help with knee pain",
        Blocks =
        [
            new Paragraph("That's outside what I know: I'm a running coach for sore knees."),
            WhatICanDo,
        ],
        Kind = ReplyKinds.Fallback,
    };

    private static readonly Paragraph OffTopicIntro = new(
        "That's outside what ChatCoach covers: I only know about knee pain in runners, so I'd rather not guess about this. A coach, a physiotherapist or your doctor can help with it properly.");

    private static readonly Paragraph OffTopicHint = new(
        $"If your knees are part of it, tell me what you feel and when, e.g. {ExampleQuestion}. /routine gives you today's stretches.");

    private static readonly Paragraph Notice = new(MedicalNotice.Text);

    public static Reply OffTopic(KnowledgeEntry? generalTip)
    {
        if (generalTip is null)
        {
            return new Reply
            {
                Title = "I focus on knee pain",
                Blocks = [OffTopicIntro, OffTopicHint],
                Kind = ReplyKinds.OffTopic,
            };
        }

        return new Reply
        {
            Title = "I focus on knee pain",
            Blocks =
            [
                OffTopicIntro,
                new Paragraph($"General running guidance, not specific to your question — {generalTip.Title}: {Snippet(generalTip)}"),
                OffTopicHint,
                Notice,
            ],
            Kind = ReplyKinds.OffTopic,
            EntryIds = [generalTip.Id],
        };
    }

    public static Reply Urgent(RedFlag flag) => new()
    {
        Title = flag.Urgency == Urgency.Emergency ? "Please get medical help now" : "Please see a doctor today",
        Blocks =
        [
            new Paragraph($"I noticed {flag.Description}. That can be a sign of an injury or condition that needs a proper examination, not exercises."),
            new Paragraph(flag.Urgency == Urgency.Emergency
                ? "Please go to urgent care or an emergency department now, or call your local emergency number if you feel very unwell."
                : "Please see a doctor today. Go to urgent care or an emergency department straight away if it gets worse, you can't put weight on the leg, the knee looks deformed, or you have a fever, a hot red swollen joint, or a swollen painful calf."),
            new Paragraph("Until you're seen, rest the leg and don't run or exercise through it."),
            Notice,
        ],
        Kind = ReplyKinds.Urgent,
    };

    /// <summary>An advice reply: the entry, up to two "Also try" titles that fit, its source and the notice.</summary>
    public static Reply Advice(PreparedEntry main, IEnumerable<PreparedEntry> alsoTryCandidates)
    {
        var length = main.BaseLength;
        List<string>? titles = null;
        List<string> ids = [main.Entry.Id];
        foreach (var candidate in alsoTryCandidates)
        {
            // The list adds "\nAlso try:\n" once, then "• title\n" per item (see PlainTextRenderer).
            var added = (titles is null ? AlsoTryHeading.Length + 3 : 0) + candidate.Entry.Title.Length + 3;
            if (length + added > MaxAdviceLength)
            {
                continue;
            }

            length += added;
            (titles ??= []).Add(candidate.Entry.Title);
            ids.Add(candidate.Entry.Id);
            if (titles.Count == 2)
            {
                break;
            }
        }

        var blocks = new List<ReplyBlock>(main.Entry.BodyBlocks.Count + 3);
        blocks.AddRange(main.Entry.BodyBlocks);
        if (titles is not null)
        {
            blocks.Add(new BulletList(titles, AlsoTryHeading));
        }

        blocks.Add(main.SourceLine);
        blocks.Add(Notice);
        return new Reply
        {
            Title = main.Entry.Title,
            Blocks = blocks,
            Kind = ReplyKinds.Advice,
            EntryIds = ids,
        };
    }

    public const string AlsoTryHeading = "Also try";

    /// <summary>Reply pieces that never change for an entry, computed once at start.</summary>
    public static PreparedEntry Prepare(KnowledgeEntry entry, KnowledgeBase knowledge)
    {
        var sourceLine = new Paragraph(SourceLine(entry, knowledge));
        var baseReply = new Reply
        {
            Title = entry.Title,
            Blocks = [.. entry.BodyBlocks, sourceLine, Notice],
        };
        return new PreparedEntry(entry, sourceLine, PlainTextRenderer.Render(baseReply).Length);
    }

    /// <summary>"Source: title (file)", several joined by "; ", or "general running guidance" where the entry says so.</summary>
    internal static string SourceLine(KnowledgeEntry entry, KnowledgeBase knowledge)
    {
        var articles = entry.Sources.Select(f => knowledge.Sources.TryGetValue(f, out var s) ? $"{s.Title} ({s.File})" : f).ToList();
        if (articles.Count == 0)
        {
            return "Source: general running guidance";
        }

        var label = articles.Count == 1 ? "Source: " : "Sources: ";
        return label + string.Join("; ", articles) + (entry.AlsoGeneral ? ", plus general running guidance" : "");
    }

    /// <summary>The first sentences of an entry, up to about 300 characters, for a general tip.</summary>
    private static string Snippet(KnowledgeEntry entry)
    {
        var first = entry.BodyBlocks.OfType<Paragraph>().FirstOrDefault()?.Text ?? entry.Body;
        if (first.Length <= 300)
        {
            return first;
        }

        var cut = first.LastIndexOf(". ", 300, StringComparison.Ordinal);
        return cut > 80 ? first[..(cut + 1)] : first[..300].TrimEnd() + "…";
    }
}

/// <summary>An entry with the parts of its answer that are the same every time.</summary>
internal sealed record PreparedEntry(KnowledgeEntry Entry, Paragraph SourceLine, int BaseLength);

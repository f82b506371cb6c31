using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>The Chinese advice replies, read from the zh resources (Resources/AdviceTexts.zh.resx).</summary>
internal static class ChineseReplies
{
    private static string T(string name) => AdviceTexts.Get(name, AdviceTexts.Chinese);

    private static BulletList WhatICanDo() => new([T("WhatICanDoAsk"), T("WhatICanDoRoutine"), T("WhatICanDoStreak"), T("WhatICanDoHelp")], T("WhatICanDoHeading"));

    public static Reply Prompt() => new()
    {
        Title = T("PromptTitle"),
        Blocks = [new Paragraph(T("PromptText"))],
        Kind = ReplyKinds.Fallback,
    };

    public static Reply Fallback() => new()
    {
        Title = T("FallbackTitle"),
        Blocks = [new Paragraph(T("FallbackText")), WhatICanDo()],
        Kind = ReplyKinds.Fallback,
    };

    public static Reply OffTopic() => new()
    {
        Title = T("OffTopicTitle"),
        Blocks = [new Paragraph(T("OffTopicText")), new Paragraph(T("OffTopicHint"))],
        Kind = ReplyKinds.OffTopic,
    };

    public static Reply Urgent(RedFlag flag) => new()
    {
        Title = T(flag.Urgency == Urgency.Emergency ? "UrgentTitleEmergency" : "UrgentTitleToday"),
        Blocks =
        [
            new Paragraph(AdviceTexts.Format("UrgentNoticed", AdviceTexts.Chinese, T("Flag_" + flag.Code))),
            new Paragraph(T(flag.Urgency == Urgency.Emergency ? "UrgentActionEmergency" : "UrgentActionToday")),
            new Paragraph(T("UrgentRest")),
            new Paragraph(T("MedicalNotice")),
        ],
        Kind = ReplyKinds.Urgent,
    };

    /// <summary>The entry, up to two related titles and its source (the English article's title and file).</summary>
    public static Reply Advice(KnowledgeEntry entry, IEnumerable<KnowledgeEntry> alsoTry, KnowledgeBase knowledge)
    {
        var related = alsoTry.Take(2).ToList();
        var blocks = new List<ReplyBlock>(entry.BodyBlocks);
        if (related.Count > 0)
        {
            blocks.Add(new BulletList([.. related.Select(r => r.Title)], T("AlsoTryHeading")));
        }

        blocks.Add(new Paragraph(SourceLine(entry, knowledge)));
        blocks.Add(new Paragraph(T("MedicalNotice")));
        return new Reply
        {
            Title = entry.Title,
            Blocks = blocks,
            Kind = ReplyKinds.Advice,
            EntryIds = [entry.Id, .. related.Select(r => r.Id)],
        };
    }

    internal static string SourceLine(KnowledgeEntry entry, KnowledgeBase knowledge)
    {
        var articles = entry.Sources.Select(f => knowledge.Sources.TryGetValue(f, out var s) ? $"{s.Title} ({s.File})" : f).ToList();
        if (articles.Count == 0)
        {
            return T("SourceGeneral");
        }

        var list = string.Join("；", articles);
        return AdviceTexts.Format(entry.AlsoGeneral ? "SourceArticlesPlusGeneral" : "SourceArticles", AdviceTexts.Chinese, list);
    }
}

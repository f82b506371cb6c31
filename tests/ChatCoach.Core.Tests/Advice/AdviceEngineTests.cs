using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Advice;

[Collection(SharedKnowledgeBase.Name)]
public sealed class AdviceEngineTests(KnowledgeFixture fixture)
{
    public static TheoryData<string, string> BadInputs => new()
    {
        { "", "Ask me about knee pain" },
        { "   \t  ", "Ask me about knee pain" },
        { "\u0000\u0001\u0007\u001b", "Ask me about knee pain" },
        { "🙂🙂🙂", "I couldn't find a question there" },
        { "🦵💥😭❓", "I couldn't find a question there" },
        { "?!?! ... ###", "I couldn't find a question there" },
        { "12345 678", "I couldn't find a question there" },
        { new string('x', 10_000), "I couldn't find a question there" },
        { string.Concat(Enumerable.Repeat("blah ", 2_000)), "I can help with knee pain" },
        { "我的膝盖跑步后很痛", "English only, for now" },
        { "ركبتي تؤلمني بعد الجري", "English only, for now" },
        { "у меня болит колено после бега", "English only, for now" },
        { "\u200b\u200d\ufeff", "Ask me about knee pain" },
        { "\ud83d", "I couldn't find a question there" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Answer_BadInput_GivesClearFallback(string question, string title)
    {
        var reply = fixture.Engine.Answer(question);

        Assert.Equal(ReplyKinds.Fallback, reply.Kind);
        Assert.Equal(title, reply.Title);
        Assert.Empty(reply.EntryIds);
        Assert.NotEmpty(PlainTextRenderer.Render(reply));
    }

    [Fact]
    public void Answer_Null_GivesPrompt()
    {
        var reply = fixture.Engine.Answer(null);

        Assert.Equal(ReplyKinds.Fallback, reply.Kind);
        Assert.Contains("Ask me about knee pain, e.g.", PlainTextRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_QuestionWithControlCharacters_IsReadAsText()
    {
        var clean = fixture.Engine.Answer("my knee hurts going down stairs");
        var noisy = fixture.Engine.Answer("my\u0000 knee\u0007 hurts\r\n going\u001b down\u200b stairs");

        Assert.Equal(ReplyKinds.Advice, noisy.Kind);
        Assert.Equal(clean.EntryIds, noisy.EntryIds);
    }

    [Fact]
    public void Answer_RedFlagAtTheEndOfALongStory_IsUrgent()
    {
        var story = string.Concat(Enumerable.Repeat("we ran along the river with the club and talked about the race plan. ", 30));
        var question = "my knee hurts going down stairs. " + story + "at the end my knee locked and i couldn't straighten it";

        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(question.Length > 2000);
        Assert.Equal(ReplyKinds.Urgent, diagnosis.Reply.Kind);
        Assert.Equal("locking", diagnosis.Flag?.Code);
    }

    [Fact]
    public void Answer_LongerThanAnyChatAllows_ReadsUpToTheLimit()
    {
        var question = "my knee hurts going down stairs " + new string('z', 10_000) + " my knee locked";

        var reply = fixture.Engine.Answer(question);

        Assert.Equal(ReplyKinds.Advice, reply.Kind);
        Assert.True(AdviceEngine.Clean(question).Length <= AdviceEngine.MaxChars);
    }

    [Fact]
    public void Answer_LongRepeatedQuestion_StillAnswers()
    {
        var question = string.Concat(Enumerable.Repeat("why does my knee hurt when i run downhill? ", 250));

        var reply = fixture.Engine.Answer(question);

        Assert.Equal(ReplyKinds.Advice, reply.Kind);
        Assert.True(PlainTextRenderer.Render(reply).Length <= 1200);
    }

    [Fact]
    public void Answer_MixedScriptsMostlyEnglish_IsAnswered()
    {
        var reply = fixture.Engine.Answer("my knee hurts going down stairs 很痛");

        Assert.Equal(ReplyKinds.Advice, reply.Kind);
    }

    [Fact]
    public void Answer_CurlyApostrophes_ReadLikeStraightOnes()
    {
        var straight = fixture.Engine.Answer("my knee can't straighten");
        var curly = fixture.Engine.Answer("my knee can\u2019t straighten");

        Assert.Equal(ReplyKinds.Urgent, curly.Kind);
        Assert.Equal(PlainTextRenderer.Render(straight), PlainTextRenderer.Render(curly));
    }

    [Fact]
    public void Advice_EveryEntryWithAllItsRelated_FitsAndEndsWithSourceAndNotice()
    {
        foreach (var entry in fixture.Knowledge.Entries)
        {
            var prepared = AdviceReplies.Prepare(entry, fixture.Knowledge);
            var related = entry.Related.Select(id => AdviceReplies.Prepare(fixture.Knowledge.Find(id)!, fixture.Knowledge));

            var reply = AdviceReplies.Advice(prepared, related);
            var text = PlainTextRenderer.Render(reply);

            Assert.True(text.Length <= AdviceReplies.MaxAdviceLength, $"{entry.FileName}: {text.Length} characters");
            Assert.Equal(ReplyKinds.Advice, reply.Kind);
            Assert.Equal(entry.Title, reply.Title);
            Assert.Equal(entry.Id, reply.EntryIds[0]);
            Assert.True(reply.EntryIds.Count <= 3);
            Assert.EndsWith(MedicalNotice.Text, text, StringComparison.Ordinal);
            var source = Assert.IsType<Paragraph>(reply.Blocks[^2]).Text;
            if (entry.Sources.Count == 0)
            {
                Assert.Equal("Source: general running guidance", source);
            }

            foreach (var file in entry.Sources)
            {
                Assert.Contains($"{fixture.Knowledge.Sources[file].Title} ({file})", source, StringComparison.Ordinal);
            }
            if (reply.Blocks.OfType<BulletList>().FirstOrDefault(b => b.Heading == AdviceReplies.AlsoTryHeading) is { } alsoTry)
            {
                Assert.InRange(alsoTry.Items.Count, 1, 2);
                Assert.Equal(alsoTry.Items, reply.EntryIds.Skip(1).Select(id => fixture.Knowledge.Find(id)!.Title));
            }
        }
    }

    [Fact]
    public void Answer_EveryEntryTitleAsked_GivesThatEntry()
    {
        var misses = new List<string>();
        foreach (var entry in fixture.Knowledge.Entries)
        {
            var reply = fixture.Engine.Answer($"{entry.Title} for my knee");
            if (reply.Kind != ReplyKinds.Advice || reply.EntryIds[0] != entry.Id || PlainTextRenderer.Render(reply).Length > 1200)
            {
                misses.Add($"{entry.Id}: {reply.Kind} {string.Join(',', reply.EntryIds)}");
            }
        }

        Assert.Empty(misses);
    }

    [Fact]
    public void Answer_Advice_HasTitleEntriesAndSourceLine()
    {
        var reply = fixture.Engine.Answer("my knee hurts going down stairs after a run");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.Advice, reply.Kind);
        var entry = fixture.Knowledge.Find(reply.EntryIds[0]);
        Assert.NotNull(entry);
        Assert.Equal(entry.Title, reply.Title);
        Assert.Contains("Source: ", text, StringComparison.Ordinal);
        Assert.EndsWith(MedicalNotice.Text, text, StringComparison.Ordinal);
        Assert.True(text.Length <= 1200, $"{text.Length} characters");
    }

    [Fact]
    public void Answer_OffTopic_SaysSoHonestly()
    {
        var reply = fixture.Engine.Answer("how do i fix my shin splints");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.OffTopic, reply.Kind);
        Assert.Contains("I focus on knee pain", text, StringComparison.Ordinal);
        if (reply.EntryIds.Count > 0)
        {
            Assert.Contains("General running guidance, not specific to your question", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Answer_Unrelated_ListsWhatTheBotDoes()
    {
        var reply = fixture.Engine.Answer("can you help with my chemistry homework");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.Fallback, reply.Kind);
        Assert.Empty(reply.EntryIds);
        Assert.Contains("/routine", text, StringComparison.Ordinal);
        Assert.Contains("/streak", text, StringComparison.Ordinal);
        Assert.Contains("/help", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_ManyThreadsAtOnce_GiveTheSequentialAnswers()
    {
        var questions = LabelledQuestions.Load(LabelledQuestions.FileName).Take(60).Select(q => q.Question).ToArray();
        var expected = questions.Select(q => PlainTextRenderer.Render(fixture.Engine.Answer(q))).ToArray();
        var actual = new string[questions.Length * 4];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = PlainTextRenderer.Render(fixture.Engine.Answer(questions[i % questions.Length])));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % questions.Length], actual[i]);
        }
    }
}

using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>
/// Triage runs on the engine's spell-checked surface words, so these go through the engine: what is tested is what
/// a person typing gets.
/// </summary>
[Collection(SharedKnowledgeBase.Name)]
public sealed class RedFlagTriageTests(KnowledgeFixture fixture)
{
    [Theory]
    [InlineData("my knee locked and now i can't straighten it", "locking")]
    [InlineData("knee keeps locking when i run", "locking")]
    [InlineData("i cannot fully bend my knee since yesterday", "locking")]
    [InlineData("my knee won't straighten", "locking")]
    [InlineData("knee gave way going downhill", "giving-way")]
    [InlineData("my knee gives out on the stairs", "giving-way")]
    [InlineData("my knee buckled mid run", "giving-way")]
    [InlineData("knee feels unstable and wobbly", "giving-way")]
    [InlineData("twisted it on a trail and it swelled up within an hour", "swelling")]
    [InlineData("knee is massively swollen after a twist", "swelling")]
    [InlineData("i fell hard on my knee", "injury")]
    [InlineData("had a bad fall on my run and my knee is bleeding", "injury")]
    [InlineData("heard a loud pop in my knee", "injury")]
    [InlineData("i think i tore my acl", "injury")]
    [InlineData("i can't put weight on my left leg", "no-weight")]
    [InlineData("can barely walk after this morning's run", "no-weight")]
    [InlineData("my knee is red and hot", "hot-red")]
    [InlineData("knee warm to the touch", "hot-red")]
    [InlineData("sore knee and a fever since yesterday", "hot-red")]
    [InlineData("my toes go numb on long runs", "numbness")]
    [InlineData("tingling in my foot when running", "numbness")]
    [InlineData("my calf is swollen and tender", "calf")]
    [InlineData("swelling in my calf after the flight", "calf")]
    [InlineData("worried about a dvt", "calf")]
    [InlineData("my kneecap is out of place", "deformity")]
    [InlineData("the knee looks deformed", "deformity")]
    [InlineData("unbearable pain in my knee", "severe-pain")]
    [InlineData("severe knee pain at night", "severe-pain")]
    [InlineData("my knee pain wakes me up", "severe-pain")]
    [InlineData("knee hurts so much i can't sleep", "severe-pain")]
    [InlineData("no swelling but my knee gave way twice", "giving-way")]
    [InlineData("it doesn't hurt much but it locked up yesterday", "locking")]
    public void Answer_RedFlag_IsUrgent(string question, string code)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.Equal(ReplyKinds.Urgent, diagnosis.Reply.Kind);
        Assert.Equal(code, diagnosis.Flag?.Code);
    }

    [Theory]
    [InlineData("my kneee lockd up")]
    [InlineData("knee is swolen after i twistd it")]
    [InlineData("it bukled on me")]
    [InlineData("numbnes in my toes")]
    [InlineData("cnat put weight on it")]
    [InlineData("my knee gve way on the stairs")]
    public void Answer_RedFlagWithTypos_IsUrgent(string question)
    {
        Assert.Equal(ReplyKinds.Urgent, fixture.Engine.Answer(question).Kind);
    }

    [Theory]
    [InlineData("my knee is a bit sore after long runs")]
    [InlineData("stairs hurt a little")]
    [InlineData("no swelling, just a dull ache")]
    [InlineData("it's not locked or anything")]
    [InlineData("my knee doesn't lock and it never gave way, it just aches")]
    [InlineData("there is no swelling and no numbness")]
    [InlineData("my knee clicks when i squat")]
    [InlineData("my knee pops a bit when i stand up but it doesn't hurt")]
    [InlineData("i can't run more than 5k without knee pain")]
    [InlineData("i fell asleep with ice on my knee")]
    [InlineData("i fell behind on my plan, can i catch up")]
    [InlineData("hit the wall at mile 20")]
    [InlineData("i'm stuck at 5k, how do i go further")]
    [InlineData("my knee looks fine but hurts on stairs")]
    [InlineData("should i use heat or ice on a slightly swollen knee")]
    [InlineData("knee aches at night after a long run")]
    [InlineData("i get pain when sitting for a long time")]
    [InlineData("i can walk fine but running hurts")]
    [InlineData("i can't lose weight and my knees hurt")]
    [InlineData("knee feels stiff in the morning")]
    [InlineData("the pain came back after a week off")]
    [InlineData("in the fall i run more hills")]
    [InlineData("does hot weather make knee pain worse")]
    [InlineData("i hear popping when i squat")]
    [InlineData("it looks like my knees point inwards when i squat")]
    public void Answer_OrdinaryComplaint_IsNotUrgent(string question)
    {
        var diagnosis = fixture.Engine.Diagnose(question);

        Assert.True(diagnosis.Reply.Kind != ReplyKinds.Urgent, $"\"{question}\" was treated as urgent ({diagnosis.Flag?.Code}).");
    }

    [Fact]
    public void Answer_Urgent_AdvisesCareAndOffersNoExercises()
    {
        var reply = fixture.Engine.Answer("my knee locked up and i can't straighten it");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.Urgent, reply.Kind);
        Assert.Empty(reply.EntryIds);
        Assert.Contains("doctor", text, StringComparison.Ordinal);
        Assert.Contains("emergency", text, StringComparison.Ordinal);
        Assert.Contains("the knee locking", text, StringComparison.Ordinal);
        Assert.EndsWith(MedicalNotice.Text, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Also try", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 1200, $"{text.Length} characters");
    }
}

using System.Globalization;
using System.Text;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using Xunit.Abstractions;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>
/// The accuracy floors on the labelled question set: every red flag urgent, no ordinary question urgent, at least
/// 90% of advice questions on the right topic, at least 90% of unrelated and off-topic questions routed as such.
/// The confusion table is printed on every run.
/// </summary>
[Collection(SharedKnowledgeBase.Name)]
public sealed class LabelledQuestionsTests(KnowledgeFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Kinds = [ReplyKinds.Advice, ReplyKinds.Urgent, ReplyKinds.OffTopic, ReplyKinds.Fallback];

    [Theory]
    [InlineData(LabelledQuestions.FileName, 80)]
    [InlineData(LabelledQuestions.HoldoutFileName, 50)]
    public void Answer_LabelledQuestions_MeetTheAccuracyFloors(string fileName, int minimumQuestions)
    {
        var questions = LabelledQuestions.Load(fileName);
        var confusion = new Dictionary<(string Expected, string Actual), int>();
        var onTopic = 0;
        var failures = new List<string>();
        foreach (var labelled in questions)
        {
            var diagnosis = fixture.Engine.Diagnose(labelled.Question);
            var reply = diagnosis.Reply;
            confusion[(labelled.Expected, reply.Kind)] = confusion.GetValueOrDefault((labelled.Expected, reply.Kind)) + 1;
            var topicOk = labelled.Expected != ReplyKinds.Advice
                || reply.Kind == ReplyKinds.Advice && IsAcceptable(reply.EntryIds[0], labelled.Acceptable);
            if (labelled.Expected == ReplyKinds.Advice && topicOk)
            {
                onTopic++;
            }

            if (reply.Kind != labelled.Expected || !topicOk)
            {
                var entry = reply.EntryIds.Count > 0 ? reply.EntryIds[0] : "-";
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"  line {labelled.Line}: \"{labelled.Question}\" expected {labelled.Expected} [{string.Join(',', labelled.Acceptable)}], got {reply.Kind} {entry} (route {diagnosis.Route}, {diagnosis.Why})"));
            }
        }

        int Count(string expected, string? actual = null) =>
            confusion.Where(kv => kv.Key.Expected == expected && (actual is null || kv.Key.Actual == actual)).Sum(kv => kv.Value);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{fileName}: {questions.Count} labelled questions; rows = expected, columns = answered");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"",-10}{string.Join("", Kinds.Select(k => $"{k,10}"))}");
        foreach (var expected in Kinds)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{expected,-10}{string.Join("", Kinds.Select(actual => $"{Count(expected, actual),10}"))}");
        }

        var advice = Count(ReplyKinds.Advice);
        var urgent = Count(ReplyKinds.Urgent);
        var offTopic = Count(ReplyKinds.OffTopic);
        var fallback = Count(ReplyKinds.Fallback);
        var adviceRate = (double)onTopic / advice;
        var offTopicRate = (double)Count(ReplyKinds.OffTopic, ReplyKinds.OffTopic) / offTopic;
        var fallbackRate = (double)Count(ReplyKinds.Fallback, ReplyKinds.Fallback) / fallback;
        var urgentRate = (double)Count(ReplyKinds.Urgent, ReplyKinds.Urgent) / urgent;
        var falseUrgent = Count(ReplyKinds.Advice, ReplyKinds.Urgent) + Count(ReplyKinds.OffTopic, ReplyKinds.Urgent) + Count(ReplyKinds.Fallback, ReplyKinds.Urgent);
        report.AppendLine(CultureInfo.InvariantCulture, $"advice on the right topic: {onTopic}/{advice} = {adviceRate:P1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"red flags answered urgent: {Count(ReplyKinds.Urgent, ReplyKinds.Urgent)}/{urgent} = {urgentRate:P1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"off-topic answered off-topic: {Count(ReplyKinds.OffTopic, ReplyKinds.OffTopic)}/{offTopic} = {offTopicRate:P1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"unrelated answered fallback: {Count(ReplyKinds.Fallback, ReplyKinds.Fallback)}/{fallback} = {fallbackRate:P1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"ordinary questions answered urgent: {falseUrgent}");
        report.AppendLine(failures.Count == 0 ? "no misses" : $"misses ({failures.Count}):");
        failures.ForEach(f => report.AppendLine(f));
        output.WriteLine(report.ToString());

        Assert.True(questions.Count >= minimumQuestions, $"only {questions.Count} labelled questions");
        Assert.Equal(1.0, urgentRate);
        Assert.Equal(0, falseUrgent);
        Assert.True(adviceRate >= 0.9, $"advice on topic {adviceRate:P1} < 90%");
        Assert.True(offTopicRate >= 0.9, $"off-topic {offTopicRate:P1} < 90%");
        Assert.True(fallbackRate >= 0.9, $"fallback {fallbackRate:P1} < 90%");
    }

    [Theory]
    [InlineData(LabelledQuestions.FileName)]
    [InlineData(LabelledQuestions.HoldoutFileName)]
    public void LabelledQuestions_AreParaphrasedNotCopiedFromEntries(string fileName)
    {
        static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim('?', '.', '!', ' ');

        var entryQuestions = fixture.Knowledge.Entries.SelectMany(e => e.Questions).Select(Normalize).ToHashSet(StringComparer.Ordinal);

        var copied = LabelledQuestions.Load(fileName).Where(q => entryQuestions.Contains(Normalize(q.Question))).Select(q => q.Question).ToList();

        Assert.Empty(copied);
    }

    [Theory]
    [InlineData(LabelledQuestions.FileName)]
    [InlineData(LabelledQuestions.HoldoutFileName)]
    public void LabelledQuestions_AcceptableAnswersNameRealEntriesOrCategories(string fileName)
    {
        var ids = fixture.Knowledge.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        var unknown = LabelledQuestions.Load(fileName).SelectMany(q => q.Acceptable.Where(a => !ids.Contains(a) && !KnowledgeCategories.All.Contains(a)).Select(a => $"line {q.Line}: {a}")).ToList();

        Assert.Empty(unknown);
    }

    private bool IsAcceptable(string entryId, IReadOnlyList<string> acceptable)
    {
        var entry = fixture.Knowledge.Find(entryId);
        return entry is not null && (acceptable.Contains(entry.Id) || acceptable.Contains(entry.Category));
    }
}

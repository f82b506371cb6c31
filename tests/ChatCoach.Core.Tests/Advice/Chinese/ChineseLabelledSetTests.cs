using System.Globalization;
using System.Text;
using ChatCoach.Core.Conversation;
using Xunit.Abstractions;

namespace ChatCoach.Core.Tests.Advice.Chinese;

/// <summary>
/// The Chinese labelled set (issue 14): every row is answered as labelled or listed with its reason in
/// <c>known-misses-zh.tsv</c>, and each part meets its floors. <c>LabelledSet/zh-dev.tsv</c> was tuned on;
/// <c>LabelledSet/zh-test.tsv</c> is frozen and was scored once, when the Chinese engine was finished.
/// </summary>
[Collection(SharedChineseKnowledgeBase.Name)]
public sealed class ChineseLabelledSetTests(ChineseFixture fixture, ITestOutputHelper output)
{
    public const string DevFileName = "LabelledSet/zh-dev.tsv";
    public const string TestFileName = "LabelledSet/zh-test.tsv";

    /// <summary>The second frozen Chinese test set, written 2026-12-02 apart from the engine, scored once at merge.</summary>
    public const string Test2FileName = "LabelledSet/zh-test2.tsv";

    /// <summary>The third frozen Chinese test set, written 2026-12-02 apart from the engine, scored once at merge.</summary>
    public const string Test3FileName = "LabelledSet/zh-test3.tsv";

    /// <summary>The fourth Chinese test set, written 2026-12-02 apart from the engine (after zh-test3 was spent), scored once at merge; spent since advice6-zh.</summary>
    public const string Test4FileName = "LabelledSet/zh-test4.tsv";
    /// <summary>The fifth Chinese test set, written 2026-12-03 apart from the engine (after zh-test4 was spent), near copies dropped, scored once at merge; spent since advice8-zh.</summary>
    public const string Test5FileName = "LabelledSet/zh-test5.tsv";

    /// <summary>The sixth Chinese test set, written 2026-12-03 apart from the engine (after zh-test5 was spent), near copies dropped, scored once at merge; spent since advice9-zh.</summary>
    public const string Test6FileName = "LabelledSet/zh-test6.tsv";

    public const string Test7FileName = "LabelledSet/zh-test7.tsv";

    /// <summary>The eighth Chinese test set, written 2026-12-06 apart from the engine, near copies dropped, scored once at merge (advice10); spent since.</summary>
    public const string Test8FileName = "LabelledSet/zh-test8.tsv";

    /// <summary>The second Chinese development set, written 2026-12-06 apart from the engine to be tuned on (advice10).</summary>
    public const string Dev2FileName = "LabelledSet/zh-dev2.tsv";
    public const string KnownMissesFile = "known-misses-zh.tsv";

    public static TheoryData<string, int> DevRows() => LabelledSetTests.Rows([DevFileName, Dev2FileName]);

    public static TheoryData<string, int> FrozenTestRows() => LabelledSetTests.Rows([TestFileName, Test2FileName, Test3FileName, Test4FileName, Test5FileName, Test6FileName, Test7FileName, Test8FileName]);

    [Theory]
    [MemberData(nameof(DevRows))]
    public void Row_IsAnsweredAsLabelledOrIsAKnownMiss(string file, int line)
    {
        var row = LabelledQuestions.Load(file).Single(r => r.Line == line);

        var (answered, right, why) = Judge(row);

        Assert.True(right || KnownMisses.ContainsKey((file, line)),
            $"{file}:{line} \"{row.Question}\" expected {row.Expected} [{string.Join(',', row.Acceptable)}], answered {answered} — {why}");
    }

    [Theory]
    [MemberData(nameof(FrozenTestRows))]
    public void FrozenTestRow_IsAnsweredAsLabelledOrIsAKnownMiss(string file, int line) => Row_IsAnsweredAsLabelledOrIsAKnownMiss(file, line);

    [Fact]
    public void KnownMisses_AreStillMisses()
    {
        var fixedRows = KnownMisses.Keys
            .Where(key => Judge(LabelledQuestions.Load(key.File).Single(r => r.Line == key.Line)).Right)
            .Select(key => $"{key.File}:{key.Line}")
            .ToList();

        Assert.Empty(fixedRows);
    }

    [Theory]
    // file, minimum rows, missed signs, false alarms, advice on the right topic, adjacent, unrelated.
    // advice8-zh: every set's advice rows are among the shipped labelled neighbours, so its topic figure is in-sample
    // (advice 94/97, 57/59, 72/73, 47/48, 54/55, 64/67; advice9-zh with zh-test6 too: 93/97, 57/59, 73/73, 48/48,
    // 55/55, 64/67, 76/78); the held-out estimate is `zh-crossset` (docs/advice-engine.md).
    // zh-dev was tuned on: the figures reached when tuning stopped (advice 87/97).
    // advice9-zh: zh-test6's rows join the neighbours and leave-one-set-out over seven sets picks k 12, weight 1
    // (zh-dev row 85 is ranked wrong with them): advice 93/97.
    // advice10-zh: zh-test7's rows join the neighbours (k 12, weight 1 kept): advice 94/97 (row 85 right again).
    [InlineData(DevFileName, 160, 0, 0, 0.96, 1.0, 1.0)]
    // zh-test is spent: held out once, when tuning on zh-dev had stopped (advice 50/59, urgent 22/28, adjacent 9/12,
    // unrelated 11/12, no false alarm); tuned on since 2026-12-02 (advice3: every sign urgent). Misses in known-misses-zh.tsv.
    // advice5-zh (scope words for plank, black toenails, tapering, COVID): advice 51/59, adjacent 12/12.
    // advice6-zh (feeling idioms out of scope): unrelated 12/12.
    // advice10-zh (shoes told by fit or kind, 鞋太紧/鞋带, are gear words): advice 58/59 (row 40).
    [InlineData(TestFileName, 100, 0, 0, 0.98, 1.0, 1.0)]
    // zh-test2 is spent: written apart from the engine, held out, scored once at merge on 2026-12-02 (engine of
    // advice3): advice 68/73 (93.2 %), urgent 24/29 (5 signs missed), adjacent 6/9, unrelated 8/10, no false alarm.
    // Tuned on since advice4 (every sign urgent now). Misses in known-misses-zh.tsv.
    // advice5-zh: advice 69/73, adjacent 7/9, unrelated 9/10 (pace planning adjacent, a frozen watch unrelated).
    // advice9-zh (Achilles pain and a sprained ankle adjacent by class; a vet is not health): advice 73/73, adjacent
    // 9/9, unrelated 10/10.
    [InlineData(Test2FileName, 120, 0, 0, 1.0, 1.0, 1.0)]
    // zh-test3 is spent: written 2026-12-02 apart from the engine, held out, scored once at merge (after advice4):
    // advice 43/48 (89.6 %), urgent 19/21 (2 signs missed), no false alarm, adjacent 5/7, unrelated 6/7. Tuned on
    // since advice5-zh: advice 45/48, every sign urgent, adjacent 7/7, unrelated 7/7. advice6-zh (bikes): advice 46/48.
    // advice9-zh: advice 48/48 (in-sample neighbours).
    [InlineData(Test3FileName, 80, 0, 0, 1.0, 1.0, 1.0)]
    // zh-test4 is spent: written 2026-12-02 apart from the engine (after zh-test3 was spent), held out, scored once at
    // merge after advice5-zh: advice 50/55 (90.9 %), urgent 24/25 (a growing lump missed), no false alarm, adjacent
    // 5/6, unrelated 5/5. Tuned on since advice6-zh: advice 53/55, every sign urgent (the growing-lump rule by class),
    // adjacent 6/6, unrelated 5/5.
    // advice9-zh: advice 55/55 (in-sample neighbours).
    [InlineData(Test4FileName, 80, 0, 0, 1.0, 1.0, 1.0)]
    // zh-test5 is spent: written 2026-12-03 apart from the engine (after zh-test4 was spent), 3 near copies of earlier
    // rows dropped, held out, scored once at merge on the engine of stop 21: advice 56/67 (83.6 %), urgent 26/28 (a calf
    // clot after a hospital stay and a spreading rash then a swollen knee missed), 2 false alarms (a negated tick bite,
    // a teenager with no pain and no limp), adjacent 7/9, unrelated 5/5. Tuned on since advice8-zh: every sign urgent and
    // no false alarm (thicker calf, rash spreading told first, tick/limp/pain named as absent, by class), advice 57/67.
    // advice9-zh (Achilles pain and sleep adjacent by class): adjacent 9/9; advice 64/67.
    // advice10-zh (running told as relaxed, 跑起来放松, is a form term): advice 65/67 (row 59).
    [InlineData(Test5FileName, 100, 0, 0, 0.97, 1.0, 1.0)]
    // zh-test6 is frozen: written 2026-12-03 apart from the engine (after zh-test5 was spent), 5 near copies of earlier
    // rows dropped, scored once at merge on the engine of advice8-zh (labelled neighbours): advice 68/78 (87.2 %; BM25
    // alone 61/78), urgent 27/28 (can't bear weight, told as three steps to the wall, missed), no false alarm, adjacent
    // 6/10, unrelated 7/7. Spent since advice9-zh (tuned on: moving only with support as can't-bear-weight, adjacent
    // scope classes, upper-body form words, negated sign lists, synonyms; its advice rows are labelled neighbours, so
    // the topic figure is in-sample): advice 76/78, every sign urgent, no false alarm, adjacent 10/10, unrelated 7/7.
    [InlineData(Test6FileName, 120, 0, 0, 0.97, 1.0, 1.0)]
    // zh-test7 is FROZEN: written 2026-12-03 apart from the engine (after zh-test6; blocks in different voices: pupils,
    // retired morning joggers, trail runners, parents, voice-to-text, forum posts, terse group chat), 1 near copy
    // dropped, scored once at merge on the engine of advice9-zh: advice 70/84 (83.3 %; BM25 alone 62/84), urgent 27/28
    // (a spreading rash then a swollen knee missed), 1 false alarm (a tick removed, no rash), adjacent 12/18,
    // unrelated 7/12. Spent since the lead's fix by class after reading its misses (a rash growing day by day, then a
    // swollen knee; 没起/没长疹子 negates): advice 70/84, urgent 28/28, no false alarm (not a held-out figure).
    // advice10-zh: scope by class (varicose veins, a tick with no sign, chafing, the shin, a gel told short, time to train
    // adjacent; the weather, a meet-up, feeling idioms through the knee, a pet's leg unrelated; short questions naming a
    // covered exercise, stretch or weekly load advice): advice 74/84, adjacent 18/18, unrelated 12/12; then its advice
    // rows joined the labelled neighbours (eight sets, k 12, weight 1 again), so its topic is in-sample: 78/84; running
    // less (少跑) read as the alternatives entry's 替代: 79/84.
    // advice10 (the Chinese topic classifier, trained on the neighbours' rows, zh-dev2's and zh-test8's among them): 83/84, in-sample.
    [InlineData(Test7FileName, 140, 0, 0, 0.98, 1.0, 1.0)]
    // zh-test8 was FROZEN: written 2026-12-06 apart from the engine (after zh-dev2; voices: a physio student, a coach
    // relaying, a pacer, office treadmill runners, a soldier before a fitness test, voice-to-text, Traditional posts),
    // 4 near copies of earlier rows dropped, scored once at merge on the engine of advice10 (classifier): advice 96/103
    // (93.2 %; BM25 alone 87/103; the stop-24 engine 94/103), urgent 27/30 (膑骨 miswritten and out to the side, a blow
    // from a swung rifle butt, weight lost by an amount with night pain and 虚汗), no false alarm, adjacent 13/18,
    // unrelated 10/11. Spent since: those three classes have rules (30/30), and its advice rows joined the neighbours
    // and the classifier (advice 100/103, in-sample). scope10-zh (its scope misses by class: the knee named as not the
    // question, English knee words, altitude, pull-ups, a rash, 跑酷): advice 102/103, adjacent 17/18, unrelated 11/11.
    [InlineData(Test8FileName, 150, 0, 0, 0.98, 0.94, 1.0)]
    // zh-dev2: a development set written 2026-12-06 apart from the engine; its advice rows are labelled neighbours and
    // classifier rows (advice 256/274 in-sample), but no rule or scope word was written from it yet: urgent 35/36 (a
    // locking told as 卡住, row in known-misses-zh.tsv), no false alarm, adjacent 31/41, unrelated 36/36.
    // scope10-zh (scope classes written from its misses, so no longer apart from the engine): short covered questions
    // in chat words in scope, uncovered body parts and topics adjacent: advice 272/274 (BM25 alone 219 -> 233), adjacent
    // 41/41, unrelated 36/36.
    [InlineData(Dev2FileName, 380, 1, 0, 0.99, 1.0, 1.0)]
    public void Answer_LabelledSet_MeetsItsFloors(string file, int minimumRows, int missedSigns, int falseAlarms, double advice, double adjacent, double unrelated)
    {
        var rows = LabelledQuestions.Load(file);
        var results = rows.Select(r => (Row: r, Judged: Judge(r))).ToList();
        output.WriteLine(Report(file, results));

        double Rate(string kind)
        {
            var of = results.Where(r => r.Row.Expected == kind).ToList();
            return of.Count == 0 ? 1 : (double)of.Count(r => r.Judged.Right) / of.Count;
        }

        var missed = results.Count(r => r.Row.Expected == LabelledQuestions.Urgent && !r.Judged.Right);
        var alarms = results.Count(r => r.Row.Expected != LabelledQuestions.Urgent && r.Judged.Answered.StartsWith(LabelledQuestions.Urgent, StringComparison.Ordinal));
        Assert.True(rows.Count >= minimumRows, $"only {rows.Count} rows");
        Assert.True(missed <= missedSigns, $"{missed} missed signs > {missedSigns}");
        Assert.True(alarms <= falseAlarms, $"{alarms} false alarms > {falseAlarms}");
        Assert.True(Rate(LabelledQuestions.Advice) >= advice, $"advice on topic {Rate(LabelledQuestions.Advice):P1} < {advice:P0}");
        Assert.True(Rate(LabelledQuestions.Adjacent) >= adjacent, $"adjacent {Rate(LabelledQuestions.Adjacent):P1} < {adjacent:P0}");
        Assert.True(Rate(LabelledQuestions.Unrelated) >= unrelated, $"unrelated {Rate(LabelledQuestions.Unrelated):P1} < {unrelated:P0}");
    }

    [Fact]
    public void ChineseEntries_PairWithEnglishEntriesOneToOne()
    {
        var english = fixture.English.Entries.Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        var chinese = fixture.Knowledge.Entries.Select(e => e.Id).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(english, chinese);
    }

    internal static IReadOnlyDictionary<(string File, int Line), string> KnownMisses { get; } =
        File.ReadAllLines(Path.Combine(RepositoryFile.Root, "tests", "ChatCoach.Core.Tests", "Advice", KnownMissesFile))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => (p[0], int.Parse(p[1], CultureInfo.InvariantCulture)), p => p.Length > 3 ? p[3] : "");

    private (string Answered, bool Right, string Why) Judge(LabelledQuestion row)
    {
        var diagnosis = fixture.Engine.Diagnose(row.Question);
        var reply = diagnosis.Reply;
        var answered = reply.Kind switch
        {
            ReplyKinds.OffTopic => LabelledQuestions.Adjacent,
            ReplyKinds.Fallback => LabelledQuestions.Unrelated,
            var kind => kind,
        };
        var right = answered == row.Expected && (row.Expected != LabelledQuestions.Advice || row.Acceptable.Contains(reply.EntryIds[0]));
        var entry = reply.EntryIds.Count > 0 ? " " + reply.EntryIds[0] : "";
        return (answered + entry, right, diagnosis.Why);
    }

    private static string Report(string file, List<(LabelledQuestion Row, (string Answered, bool Right, string Why) Judged)> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{file}: {results.Count} rows");
        foreach (var kind in new[] { LabelledQuestions.Advice, LabelledQuestions.Urgent, LabelledQuestions.Adjacent, LabelledQuestions.Unrelated })
        {
            var of = results.Where(r => r.Row.Expected == kind).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"{kind}: {of.Count(r => r.Judged.Right)}/{of.Count}");
        }

        foreach (var miss in results.Where(r => !r.Judged.Right))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"MISS\t{miss.Row.File}\t{miss.Row.Line}\t{miss.Judged.Answered}\t[{miss.Row.Expected} {string.Join(',', miss.Row.Acceptable)}] {miss.Row.Question} — {miss.Judged.Why}");
        }

        return text.ToString();
    }
}

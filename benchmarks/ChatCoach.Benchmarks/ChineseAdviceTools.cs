using System.Globalization;
using System.Text;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Chinese;
using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Tools for the Chinese engine, run in Release from the repository root:
/// <c>zh-score f.tsv…</c> per-kind figures and the misses, with the shipped neighbours and with BM25 alone;
/// <c>zh-crossset f.tsv…</c> leave-one-set-out for the labelled neighbours: for each file, k and the weight are
/// chosen by leave-one-set-out on the other files alone, and the file is ranked with neighbours from the other files
/// only (never its own rows); <c>zh-neighbours f.tsv…</c> writes <c>data/exemplars/neighbours-zh.tsv</c> from the
/// files' advice rows, with the k and weight that leave-one-set-out over all of them picks.
/// </summary>
internal static class ChineseAdviceTools
{
    public static readonly string[] Commands = ["zh-score", "zh-crossset", "zh-neighbours", "zh-classifier-crossset", "zh-classifier"];

    private static readonly int[] Ks = [3, 5, 8, 12];

    private static readonly float[] Weights = [0f, 0.1f, 0.2f, 0.3f, 0.5f, 0.75f, 1f, 1.5f];

    public static int Run(string[] args)
    {
        var options = new KnowledgeOptions();
        var english = KnowledgeBaseLoader.Load(options.Path, options.ResolveSourcesFile());
        var chinese = ChineseKnowledge.Load(options.Path, english);
        using var engine = new ChineseAdviceEngine(chinese, ChineseNeighbours.None);
        var sets = args.Skip(1).Select(f => new Set(Path.GetFileName(f), LabelledRow.Load(f), engine)).ToList();
        switch (args[0])
        {
            case "zh-score":
            {
                Console.WriteLine($"shipped neighbours: {ChineseNeighbours.Shipped.Count} rows, k {ChineseNeighbours.Shipped.K}, weight {ChineseNeighbours.Shipped.Weight.ToString(CultureInfo.InvariantCulture)}; shipped classifier: {(ChineseTopicClassifier.Shipped is null ? "none" : $"weight {ChineseTopicClassifier.Weight.ToString(CultureInfo.InvariantCulture)}")}");
                using var shipped = new ChineseAdviceEngine(chinese);
                foreach (var set in sets)
                {
                    Console.WriteLine(Report(engine, set, ChineseNeighbours.None, "BM25 alone"));
                    Console.WriteLine(Report(shipped, set, ChineseNeighbours.Shipped, "shipped neighbours and classifier (in-sample for the spent sets)"));
                }

                return 0;
            }

            case "zh-crossset":
            {
                var before = 0;
                var after = 0;
                var total = 0;
                for (var held = 0; held < sets.Count; held++)
                {
                    var others = Enumerable.Range(0, sets.Count).Where(i => i != held).ToList();
                    var (k, weight, inner) = Pick(engine, sets, others);
                    var neighbours = Neighbours(sets, others, k, weight);
                    var bm25 = Topic(engine, sets[held], ChineseNeighbours.None);
                    var fused = Topic(engine, sets[held], neighbours);
                    var rightBefore = RightRows(engine, sets[held], ChineseNeighbours.None);
                    var rightAfter = RightRows(engine, sets[held], neighbours);
                    Console.WriteLine($"  gained lines {string.Join(',', rightAfter.Except(rightBefore))}; lost lines {string.Join(',', rightBefore.Except(rightAfter))}");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"held out {sets[held].Name}: k {k}, weight {weight} (inner leave-one-set-out on the others {inner}/{others.Sum(i => sets[i].AdviceCount)}); topic BM25 alone {bm25}/{sets[held].AdviceCount} -> with neighbours from the others {fused}/{sets[held].AdviceCount}"));
                    before += bm25;
                    after += fused;
                    total += sets[held].AdviceCount;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"leave-one-set-out topic: BM25 alone {before}/{total} = {100.0 * before / total:F1} %, with neighbours {after}/{total} = {100.0 * after / total:F1} % (screen and scope are not read by the neighbours: signs, false alarms, adjacent and unrelated unchanged)"));
                return 0;
            }

            case "zh-classifier-crossset":
            {
                // Leave-one-set-out for a topic classifier over character features: for each held-out set, one trained
                // on the other sets' advice rows and the entries' titles and example questions, fused beside BM25 and
                // the neighbours' vote (k and weight as shipped) over a grid of weights.
                var lambda = args.Length > 2 && args[1] == "--lambda" ? float.Parse(args[2], CultureInfo.InvariantCulture) : ChineseTopicClassifier.Lambda;
                if (args.Length > 2 && args[1] == "--lambda")
                {
                    sets.RemoveRange(0, 2);
                }

                var entries = engine.Knowledge.Entries;
                var ids = entries.Select(e => e.Id).ToList();
                float[] grid = [0f, 0.25f, 0.5f, 1f, 1.5f, 2f, 3f];
                var totals = new int[grid.Length];
                var total = 0;
                var shipped = ChineseNeighbours.Shipped;
                for (var held = 0; held < sets.Count; held++)
                {
                    var others = Enumerable.Range(0, sets.Count).Where(i => i != held).ToList();
                    var rows = ChineseTopicClassifier.TrainingRows(others.SelectMany(i => sets[i].Rows).Where(r => r.Kind == "advice").Select(r => (r.Message, (IReadOnlyList<string>)r.Labels)), engine.Knowledge);
                    var classifier = TopicClassifier.Train(ids, [.. rows.Select(r => r.Vector)], [.. rows.Select(r => r.Target)], lambda, "");
                    var neighbours = Neighbours(sets, others, shipped.K, shipped.Weight);
                    var right = new int[grid.Length];
                    var set = sets[held];
                    for (var i = 0; i < set.Rows.Count; i++)
                    {
                        var route = set.Routes[i];
                        if (set.Rows[i].Kind != "advice" || route.Done is not null)
                        {
                            continue;
                        }

                        var p = ChineseTopicClassifier.Probabilities(classifier, entries, route.Prepared);
                        var votes = neighbours.Vote(route.Prepared);
                        for (var g = 0; g < grid.Length; g++)
                        {
                            var best = neighbours.Best(route.Scores!, entries, votes, p, grid[g]);
                            right[g] += set.Rows[i].Labels.Contains(ids[best]) ? 1 : 0;
                        }
                    }

                    Console.WriteLine($"held out {set.Name}: {rows.Count} training rows; topic by classifier weight {string.Join("  ", grid.Select((w, g) => $"{w.ToString(CultureInfo.InvariantCulture)}: {right[g]}"))} of {set.AdviceCount}");
                    for (var g = 0; g < grid.Length; g++)
                    {
                        totals[g] += right[g];
                    }

                    total += set.AdviceCount;
                }

                Console.WriteLine($"leave-one-set-out topic by classifier weight (lambda {lambda.ToString(CultureInfo.InvariantCulture)}): {string.Join("  ", grid.Select((w, g) => $"{w.ToString(CultureInfo.InvariantCulture)}: {totals[g]}"))} of {total}");
                return 0;
            }

            case "zh-classifier":
            {
                // data/topic-classifier-zh.bin from the files' advice rows (the same files as zh-neighbours) and the entries' questions.
                var rows = ChineseTopicClassifier.TrainingRows(sets.SelectMany(s => s.Rows).Where(r => r.Kind == "advice").Select(r => (r.Message, (IReadOnlyList<string>)r.Labels)), engine.Knowledge);
                var lambda = ChineseTopicClassifier.Lambda;
                var classifier = TopicClassifier.Train([.. engine.Knowledge.Entries.Select(e => e.Id)], [.. rows.Select(r => r.Vector)], [.. rows.Select(r => r.Target)], lambda,
                    TopicClassifier.FingerprintOf(rows.Select(r => (r.Text, r.Labels)), lambda));
                var path = Path.Combine(RepositoryRoot(), "data", "topic-classifier-zh.bin");
                classifier.Write(path);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows, {classifier.Classes.Count} entries, lambda {lambda}: {path}"));
                return 0;
            }

            case "zh-neighbours":
            {
                var all = Enumerable.Range(0, sets.Count).ToList();
                var (k, weight, loso) = Pick(engine, sets, all);
                var path = Path.Combine(RepositoryRoot(), "data", "exemplars", "neighbours-zh.tsv");
                var text = new StringBuilder();
                text.AppendLine("# Chinese labelled neighbours for the topic (ChineseNeighbours): the advice rows of the spent Chinese sets, written by");
                text.AppendLine(CultureInfo.InvariantCulture, $"# `dotnet $B zh-neighbours {string.Join(' ', args.Skip(1).Select(a => Path.GetRelativePath(RepositoryRoot(), Path.GetFullPath(a))))}`; do not edit by hand.");
                text.AppendLine(CultureInfo.InvariantCulture, $"# k and weight picked by leave-one-set-out over these sets ({loso}/{sets.Sum(s => s.AdviceCount)} topic). columns: source<TAB>ids<TAB>message");
                text.AppendLine(CultureInfo.InvariantCulture, $"# k={k} weight={weight.ToString(CultureInfo.InvariantCulture)}");
                foreach (var set in sets)
                {
                    foreach (var row in set.Rows.Where(r => r.Kind == "advice"))
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"{set.Name}:{row.Line}\t{string.Join(',', row.Labels)}\t{row.Message}");
                    }
                }

                File.WriteAllText(path, text.ToString());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sets.Sum(s => s.AdviceCount)} rows, k {k}, weight {weight} written to {path}"));
                return 0;
            }

            default:
                return 2;
        }
    }

    // The k and weight with the most rows on topic when each of the given sets is ranked with neighbours from the
    // others of them; ties go to the smaller weight, then the smaller k (BM25 alone unless the vote helps).
    private static (int K, float Weight, int Right) Pick(ChineseAdviceEngine engine, List<Set> sets, List<int> among)
    {
        var best = (K: 0, Weight: 0f, Right: -1);
        foreach (var weight in Weights)
        foreach (var k in Ks)
        {
            var right = among.Sum(held => Topic(engine, sets[held], Neighbours(sets, [.. among.Where(i => i != held)], k, weight)));
            if (right > best.Right)
            {
                best = (k, weight, right);
            }

            if (weight == 0)
            {
                break;
            }
        }

        return best;
    }

    private static ChineseNeighbours Neighbours(List<Set> sets, List<int> from, int k, float weight) =>
        new(from.SelectMany(i => sets[i].Rows).Where(r => r.Kind == "advice").Select(r => (r.Message, r.Labels.ToArray())), k, weight);

    private static HashSet<int> RightRows(ChineseAdviceEngine engine, Set set, ChineseNeighbours neighbours) =>
        [.. set.Rows.Select((row, i) => (row, i)).Where(p => p.row.Kind == "advice" && Entry(engine, set, p.i, neighbours) is { } id && p.row.Labels.Contains(id)).Select(p => p.row.Line)];

    private static int Topic(ChineseAdviceEngine engine, Set set, ChineseNeighbours neighbours) =>
        set.Rows.Select((row, i) => (row, i)).Count(p => p.row.Kind == "advice" && Entry(engine, set, p.i, neighbours) is { } id && p.row.Labels.Contains(id));

    // The entry a row routed to advice gets, from its cached BM25 scores; null when the screen or scope answered.
    private static string? Entry(ChineseAdviceEngine engine, Set set, int i, ChineseNeighbours neighbours)
    {
        var route = set.Routes[i];
        if (route.Done is not null)
        {
            return null;
        }

        var votes = neighbours.Vote(route.Prepared);
        var top = votes.Count == 0 ? Array.IndexOf(route.Scores!, route.Scores!.Max()) : neighbours.Best(route.Scores!, engine.Knowledge.Entries, votes);
        return engine.Knowledge.Entries[top].Id;
    }

    private static string Report(ChineseAdviceEngine engine, Set set, ChineseNeighbours neighbours, string title)
    {
        var results = set.Rows.Select((row, i) =>
        {
            var diagnosis = engine.Diagnose(row.Message, neighbours);
            var kind = diagnosis.Reply.Kind switch { ReplyKinds.OffTopic => "adjacent", ReplyKinds.Fallback => "unrelated", var other => other };
            var entry = diagnosis.Reply.EntryIds.Count > 0 ? diagnosis.Reply.EntryIds[0] : "";
            var right = kind == row.Kind && (kind != "advice" || row.Labels.Contains(entry));
            return (Row: row, Kind: kind, Entry: entry, Right: right, diagnosis.Why);
        }).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {set.Name} ({title}): {results.Count} rows");
        foreach (var kind in new[] { "advice", "urgent", "adjacent", "unrelated" })
        {
            var of = results.Where(r => r.Row.Kind == kind).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"{kind,-10} {of.Count(r => r.Right)}/{of.Count}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"false alarms: {results.Count(r => r.Row.Kind != "urgent" && r.Kind == "urgent")}");
        foreach (var miss in results.Where(r => !r.Right))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  MISS {miss.Row.Line} [{miss.Row.Kind} {string.Join(',', miss.Row.Labels)}] -> {miss.Kind} {miss.Entry}: {miss.Row.Message}  — {miss.Why}");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatCoach.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run this from inside the repository (no ChatCoach.sln above the current directory).");
    }

    private sealed class Set(string name, List<LabelledRow> rows, ChineseAdviceEngine engine)
    {
        public string Name { get; } = name;

        public List<LabelledRow> Rows { get; } = rows;

        public List<(ChineseDiagnosis? Done, float[]? Scores, string Prepared, List<string> Words)> Routes { get; } = [.. rows.Select(r => engine.Route(r.Message))];

        public int AdviceCount => Rows.Count(r => r.Kind == "advice");
    }
}

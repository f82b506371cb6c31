using ChatCoach.Core.Advice.Semantic;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>The topic classifier (advice9): training, its file, its staleness check and its part in the why.</summary>
[Collection(SharedKnowledgeBase.Name)]
public sealed class TopicClassifierTests(KnowledgeFixture fixture)
{
    private static readonly string[] TwoClasses = ["north", "east"];

    [Fact]
    public void ShippedClassifier_IsTrainedOnTheCurrentRows()
    {
        // Stale after any change to the labelled neighbours or an entry's title or questions: rerun
        // `ChatCoach.Benchmarks.dll classifier` (after `embeddings`) and rebuild.
        var classifier = fixture.Engine.Classifier;
        Assert.NotNull(classifier);
        var rows = fixture.Engine.TopicTrainingRows();
        Assert.Equal(TopicClassifier.FingerprintOf(rows.Select(r => (r.Text, r.Labels)), classifier.Lambda), classifier.Fingerprint);
        Assert.Equal(fixture.Engine.EntryIds, classifier.Classes);
    }

    [Fact]
    public void Train_TwoClusters_EachVectorGoesToItsOwn()
    {
        float[][] vectors = [Unit(1, 0.1f, 0), Unit(1, -0.1f, 0.1f), Unit(0.1f, 1, 0), Unit(-0.1f, 1, 0.1f)];
        (int, float)[][] targets = [[(0, 1f)], [(0, 1f)], [(1, 1f)], [(1, 1f)]];

        var classifier = TopicClassifier.Train(TwoClasses, vectors, targets, 1e-3f, "test", iterations: 100);

        Assert.True(classifier.Probabilities(Unit(1, 0, 0.05f))[0] > 0.9f);
        Assert.True(classifier.Probabilities(Unit(0, 1, 0.05f))[1] > 0.9f);
    }

    [Fact]
    public void Train_SplitTarget_ScoresBothClassesAlike()
    {
        float[][] vectors = [Unit(1, 1, 0)];
        (int, float)[][] targets = [[(0, 0.5f), (1, 0.5f)]];

        var p = TopicClassifier.Train(TwoClasses, vectors, targets, 1e-3f, "test", iterations: 50).Probabilities(vectors[0]);

        Assert.Equal(p[0], p[1], 0.01f);
    }

    [Fact]
    public void WriteRead_RoundTripsTheWeightsAndTheFingerprint()
    {
        float[][] vectors = [Unit(1, 0, 0), Unit(0, 1, 0)];
        (int, float)[][] targets = [[(0, 1f)], [(1, 1f)]];
        var classifier = TopicClassifier.Train(TwoClasses, vectors, targets, 1e-2f, "abc", iterations: 20);
        var path = Path.Combine(Path.GetTempPath(), $"chatcoach-classifier-{Guid.NewGuid():N}.bin");
        try
        {
            classifier.Write(path);
            using var stream = File.OpenRead(path);
            var read = TopicClassifier.Read(stream);

            Assert.Equal("abc", read.Fingerprint);
            Assert.Equal(1e-2f, read.Lambda);
            Assert.Equal(TwoClasses, read.Classes);
            Assert.Equal(classifier.Probabilities(vectors[0]), read.Probabilities(vectors[0]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NotAClassifierFile_IsAFormatError()
    {
        using var stream = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Throws<FormatException>(() => TopicClassifier.Read(stream));
    }

    [Fact]
    public void Why_NamesTheClassifiersLikeliestEntries()
    {
        Assert.True(fixture.Engine.Tuning.TopicClassifierWeight > 0);

        var why = fixture.Engine.Answer("my knee aches on the outside after long runs, what is it?").Why;

        Assert.Contains("; classifier: ", why, StringComparison.Ordinal);
    }

    private static float[] Unit(float a, float b, float c)
    {
        var vector = new float[8];
        vector[0] = a;
        vector[1] = b;
        vector[2] = c;
        Vectors.Normalize(vector);
        return vector;
    }
}

using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Semantic;
using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>The sentence vectors, the embedding cache, the exemplar files and explainable answers.</summary>
[Collection(SharedKnowledgeBase.Name)]
public sealed class SemanticTests(KnowledgeFixture fixture)
{
    [Fact]
    public void EmbeddingCache_HoldsEveryFixedText()
    {
        // A stale data/embeddings.bin costs start-up time; refresh it with `ChatCoach.Benchmarks.dll embeddings`.
        Assert.Equal(0, fixture.Engine.EmbeddedAtStart);
    }

    [Fact]
    public void EmbeddingCache_RoundTripsThroughAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatcoach-embeddings-{Guid.NewGuid():N}.bin");
        try
        {
            var texts = new[] { "my knee hurts on stairs", "what's the weather tomorrow" };
            var vectors = MiniLmEmbedder.Shared.Embed(texts);
            EmbeddingCache.Write(path, texts, vectors, MiniLmEmbedder.Shared.Dimensions);

            using var stream = File.OpenRead(path);
            var cache = EmbeddingCache.Read(stream, MiniLmEmbedder.Shared.Dimensions);

            Assert.Equal(2, cache.Count);
            Assert.True(cache.TryGet(texts[0], out var read));
            Assert.True(Vectors.Dot(read, vectors[0]) > 0.999f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Embed_SimilarMeaning_IsCloserThanUnrelated()
    {
        var vectors = MiniLmEmbedder.Shared.Embed(["how do i land softer when i run", "should i land on my heel or my toes", "how do i fix my wifi"]);

        Assert.True(Vectors.Dot(vectors[0], vectors[1]) > Vectors.Dot(vectors[0], vectors[2]) + 0.2f);
        Assert.Equal(1f, Vectors.Dot(vectors[0], vectors[0]), 0.001f);
    }

    [Fact]
    public void EmbeddingCache_VectorsAreTheShippedModels()
    {
        // A cache written with another model (the fp32 one, an older file) would hold vectors the query side never
        // makes: every fixed text sampled here must embed to its cached vector.
        var cache = EmbeddingCache.LoadEmbedded(MiniLmEmbedder.Shared.Dimensions);
        var sample = fixture.Engine.EmbeddedTexts.Where((_, i) => i % 50 == 0).ToList();
        var fresh = MiniLmEmbedder.Shared.Embed(sample);

        for (var i = 0; i < sample.Count; i++)
        {
            Assert.True(cache.TryGet(sample[i], out var cached));
            Assert.True(Vectors.Dot(cached, fresh[i]) > 0.995f, $"'{sample[i]}': cached vector differs from the model's ({Vectors.Dot(cached, fresh[i]):F4})");
        }
    }

    [Fact]
    public void MiniLmEmbedder_LoadsTheInt8ModelByPath()
    {
        Assert.EndsWith(MiniLmEmbedder.ModelFileName, MiniLmEmbedder.Shared.ModelPath, StringComparison.Ordinal);
        Assert.True(new FileInfo(MiniLmEmbedder.Shared.ModelPath).Length < 30_000_000, "the shipped model should be the int8 one (~23 MB)");
    }

    [Fact]
    public void MiniLmEmbedder_MissingModel_IsAOneLineErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}.onnx");

        var ex = Assert.Throws<FileNotFoundException>(() => MiniLmEmbedder.EnsureFilesExist(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Embed_BatchOfDifferentLengths_MatchesOneAtATime()
    {
        // A text embeds to the same vector whatever it is embedded with (the cache holds lone vectors).
        string[] texts = ["knee", "my knee hurts going down stairs after a long run in the hills"];
        var batch = MiniLmEmbedder.Shared.Embed(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.Dot(batch[i], MiniLmEmbedder.Shared.Embed([texts[i]])[0]) > 0.999f);
        }
    }

    [Fact]
    public async Task AdviceWarmUp_StartReturnsAtOnce_AndWarmsInTheBackground()
    {
        var warmUp = new AdviceWarmUp(fixture.Engine, Microsoft.Extensions.Logging.Abstractions.NullLogger<AdviceWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.Warming.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(warmUp.Warming.IsCompletedSuccessfully);
        Assert.True(DeferredMiniLmEmbedder.IsLoaded);
        await warmUp.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void EmbedQueries_ShippedModelHasNoPrefix_SameAsEmbed()
    {
        var text = "my knee aches after long runs";

        Assert.Equal(MiniLmEmbedder.Shared.Embed([text])[0], MiniLmEmbedder.Shared.EmbedQueries([text])[0]);
    }

    [Fact]
    public void Create_QueryPrefix_OnlyQueriesGetIt()
    {
        var shipped = SentenceModel.Shipped;
        using var prefixed = MiniLmEmbedder.Create(shipped with { QueryPrefix = "search query: " });
        var text = "my knee aches after long runs";

        var document = prefixed.Embed([text])[0];
        var query = prefixed.EmbedQueries([text])[0];

        Assert.True(Vectors.Dot(document, MiniLmEmbedder.Shared.Embed([text])[0]) > 0.999f);
        Assert.True(Vectors.Dot(query, MiniLmEmbedder.Shared.Embed(["search query: " + text])[0]) > 0.999f);
        Assert.True(Vectors.Dot(query, document) < 0.99f);
    }

    [Fact]
    public void Create_ClsPooling_IsTheFirstTokensVector()
    {
        using var cls = MiniLmEmbedder.Create(SentenceModel.Shipped with { Pooling = Pooling.Cls });
        var text = "my knee aches after long runs";

        var vector = cls.Embed([text])[0];

        Assert.Equal(1f, Vectors.Dot(vector, vector), 0.001f);
        Assert.True(Vectors.Dot(vector, MiniLmEmbedder.Shared.Embed([text])[0]) < 0.99f);
    }

    [Fact]
    public void MiniLmEmbedder_IsOnePerProcess()
    {
        Assert.Same(MiniLmEmbedder.Shared, MiniLmEmbedder.Shared);
    }

    [Fact]
    public void Exemplars_ParseWithKnownLabels()
    {
        var scope = Exemplars.Scope();
        var flags = Exemplars.RedFlags();
        var codes = RedFlagTriage.AllFlags.Select(f => f.Code).Append(Exemplars.Safe).ToHashSet(StringComparer.Ordinal);

        Assert.All(scope, e => Assert.Contains(e.Label, new[] { Exemplars.Advice, Exemplars.Adjacent, Exemplars.Unrelated }));
        Assert.All(flags, e => Assert.Contains(e.Label, codes));
        Assert.True(scope.Count(e => e.Label == Exemplars.Adjacent) >= 40);
        Assert.True(scope.Count(e => e.Label == Exemplars.Unrelated) >= 40);
    }

    [Fact]
    public void Exemplars_BadLine_IsAFormatErrorNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => Exemplars.Parse("# comment\nadvice\tok\nno tab here\n", "scope.tsv"));

        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what does running from your hips mean", ReplyKinds.Advice, "form-hips-forward")]
    [InlineData("how do i land softer when i run", ReplyKinds.Advice, "form-midfoot-landing")]
    [InlineData("whats a good warm up before a run", ReplyKinds.Advice, "stretching-dynamic-warmup")]
    [InlineData("how do i get rid of plantar fasciitis", ReplyKinds.OffTopic, null)]
    [InlineData("can you recommend a crypto wallet", ReplyKinds.Fallback, null)]
    public void Answer_ExplainsItself(string question, string kind, string? entry)
    {
        var reply = fixture.Engine.Answer(question);

        Assert.Equal(kind, reply.Kind);
        if (entry is not null)
        {
            Assert.Equal(entry, reply.EntryIds[0]);
        }

        Assert.StartsWith("scope advice ", reply.Why, StringComparison.Ordinal);
        Assert.Contains("nearest:", reply.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_Adjacent_SaysItIsOutsideWhatChatCoachCovers()
    {
        var reply = fixture.Engine.Answer("how do i get rid of plantar fasciitis");
        var text = PlainTextRenderer.Render(reply);

        Assert.Equal(ReplyKinds.OffTopic, reply.Kind);
        Assert.Contains("outside what ChatCoach covers", text, StringComparison.Ordinal);
        Assert.Empty(reply.EntryIds);
    }
}

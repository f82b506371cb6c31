using ChatCoach.Core.Advice;

namespace ChatCoach.Core.Tests.Advice;

/// <summary>One engine over the real knowledge base (<c>data/knowledge</c>, copied to the test output), shared by the advice tests.</summary>
public sealed class KnowledgeFixture : IDisposable
{
    public KnowledgeFixture()
    {
        Options = new KnowledgeOptions();
        Knowledge = KnowledgeBaseLoader.Load(Options.Path, Options.ResolveSourcesFile());
        Engine = new AdviceEngine(Knowledge);
    }

    public KnowledgeOptions Options { get; }

    public KnowledgeBase Knowledge { get; }

    public AdviceEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedKnowledgeBase : ICollectionFixture<KnowledgeFixture>
{
    public const string Name = "knowledge base";
}

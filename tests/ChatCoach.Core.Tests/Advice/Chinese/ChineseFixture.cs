using ChatCoach.Core.Advice;
using ChatCoach.Core.Advice.Chinese;

namespace ChatCoach.Core.Tests.Advice.Chinese;

/// <summary>The Chinese engine over the real Chinese entries (<c>data/knowledge/zh</c>, copied to the test output).</summary>
public sealed class ChineseFixture : IDisposable
{
    public ChineseFixture()
    {
        var options = new KnowledgeOptions();
        English = KnowledgeBaseLoader.Load(options.FullPath, options.ResolveSourcesFile());
        Knowledge = ChineseKnowledge.Load(options.FullPath, English);
        Engine = new ChineseAdviceEngine(Knowledge);
    }

    public KnowledgeBase English { get; }

    public KnowledgeBase Knowledge { get; }

    public ChineseAdviceEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SharedChineseKnowledgeBase : ICollectionFixture<ChineseFixture>
{
    public const string Name = "chinese knowledge base";
}

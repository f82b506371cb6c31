using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatCoach.Core.Tests.Advice;

[Collection(SharedKnowledgeBase.Name)]
public sealed class AskHandlerTests(KnowledgeFixture fixture)
{
    [Fact]
    public void Handler_DescribesItselfForHelpAndMenus()
    {
        var handler = new AskHandler(fixture.Engine);

        Assert.Equal("ask", handler.Name);
        Assert.Equal("ask <question>", handler.Usage);
        Assert.InRange(handler.Description.Length, 1, 100);
    }

    [Fact]
    public async Task RouteAsync_FreeTextInDirectChat_IsAnsweredAsAQuestion()
    {
        var router = new CommandRouter([new AskHandler(fixture.Engine)], NullLogger<CommandRouter>.Instance);

        var reply = await router.RouteAsync(Messages.Direct("my knee hurts going down stairs after a run"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKinds.Advice, reply.Kind);
        Assert.Equal(fixture.Engine.Answer("my knee hurts going down stairs after a run").EntryIds, reply.EntryIds);
    }

    [Fact]
    public async Task RouteAsync_AskCommandWithoutQuestion_Prompts()
    {
        var router = new CommandRouter([new AskHandler(fixture.Engine)], NullLogger<CommandRouter>.Instance);

        var reply = await router.RouteAsync(Messages.Group("/ask@ChatCoachBot"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKinds.Fallback, reply.Kind);
        Assert.Equal("Ask me about knee pain", reply.Title);
    }

    [Fact]
    public async Task RouteAsync_RedFlagInAGroupMention_IsUrgent()
    {
        var router = new CommandRouter([new AskHandler(fixture.Engine)], NullLogger<CommandRouter>.Instance);

        var reply = await router.RouteAsync(Messages.Group("my knee gave way and now it's swollen", addressed: true), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKinds.Urgent, reply.Kind);
    }

    [Fact]
    public void Validate_RealKnowledgeBase_Succeeds()
    {
        var result = new KnowledgeOptionsValidator().Validate(null, fixture.Options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingDirectory_FailsNamingTheSetting()
    {
        var options = new KnowledgeOptions { Path = Path.Combine(Path.GetTempPath(), "chatcoach-no-such-dir") };

        var result = new KnowledgeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("chatcoach-no-such-dir", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Path", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEngine_MalformedEntry_FailsAsConfigurationErrorNamingTheFile()
    {
        var root = Directory.CreateTempSubdirectory("chatcoach-kb-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "knowledge")).FullName;
            File.WriteAllText(Path.Combine(root, "sources.json"), "[]");
            File.WriteAllText(Path.Combine(folder, "broken-entry.md"), "---\nid: broken\ntitle: Broken\n");

            var options = new KnowledgeOptions { Path = folder };

            Assert.True(new KnowledgeOptionsValidator().Validate(null, options).Succeeded);
            var error = Assert.Throws<OptionsValidationException>(() => AdviceRegistration.LoadEngine(options));
            var failure = Assert.Single(error.Failures);
            Assert.Contains("broken-entry.md", failure, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', failure);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ResolveSourcesFile_DefaultsToTheKnowledgeDirectorysParent()
    {
        var options = new KnowledgeOptions { Path = Path.Combine("some", "data", "knowledge") + Path.DirectorySeparatorChar };

        Assert.Equal(Path.GetFullPath(Path.Combine("some", "data", "sources.json")), options.ResolveSourcesFile());
    }
}

using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Tests.Startup;

/// <summary>What the composed host leaves for first use (issue 9): building every command handler makes no chart.</summary>
public sealed class DeferredAtStartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-deferred-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ComposedHost_RouterBuilt_TheProgressChartIsNotMadeYet()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = Path.Combine(_directory, "chatcoach.db") });
        builder.AddChatCoach(consoleChat: false);
        using var host = builder.Build();

        _ = host.Services.GetRequiredService<CommandRouter>();

        var chart = Assert.IsType<ProgressChartOnFirstUse>(host.Services.GetRequiredService<IProgressChart>());
        Assert.False(chart.IsCreated);
    }
}

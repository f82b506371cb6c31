using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Storage;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Tests.Fakes;

/// <summary>
/// The storage, conversation and routines composition over a LiteDB temp file, with a fake clock and a test sender.
/// Several hosts in a row over the same file play a restart.
/// </summary>
public static class SchedulerHost
{
    public static IHost Build(string databasePath, TimeProvider clock, IChatSender sender, int maxParallelSends = 8)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = databasePath,
            ["Scheduler:PollInterval"] = "01:00:00",
            ["Scheduler:MaxParallelSends"] = maxParallelSends.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(sender);
        builder.AddStorage();
        builder.AddConversation();
        builder.AddRoutines();
        return builder.Build();
    }

    public static async Task SayAsync(this IHost host, InboundMessage message)
    {
        var reply = await host.Services.GetRequiredService<CommandRouter>().RouteAsync(message, CancellationToken.None);
        Assert.NotNull(reply);
        Assert.NotEqual(ReplyKinds.Error, reply.Kind);
    }
}

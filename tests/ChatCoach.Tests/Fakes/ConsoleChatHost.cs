using ChatCoach.ConsoleChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Tests.Fakes;

/// <summary>The real composition with the console chat reading from a string, in process, over a temp database.</summary>
public static class ConsoleChatHost
{
    public static async Task<string> ConverseAsync(string directory, string input, TimeProvider? time = null, string? imageDirectory = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = Path.Combine(directory, "chatcoach.db"),
        });
        var output = new StringWriter();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton(new ConsoleTerminal(new StringReader(input), output, isInteractive: false)
        {
            ImageDirectory = imageDirectory ?? Path.Combine(directory, "images"),
        });
        builder.AddChatCoach();

        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.RunAsync(timeout.Token);
        return output.ToString();
    }
}

using ChatCoach.Discord.ApiDouble;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests.Fakes;

/// <summary>
/// The Discord double and the bot with real handlers over LiteDB in a temporary folder, on one fake clock: connected,
/// its commands registered, and everything removed again on dispose.
/// </summary>
public sealed class RealBot : IAsyncDisposable
{
    private readonly string _directory;

    private RealBot(DiscordDouble discord, BotHost bot, string directory)
    {
        Discord = discord;
        Bot = bot;
        _directory = directory;
    }

    public DiscordDouble Discord { get; }

    public BotHost Bot { get; }

    public static async Task<RealBot> StartAsync(FakeTimeProvider time, Action<IHostApplicationBuilder> configure, Action<Dictionary<string, string?>>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("chatcoach-discord-").FullName;
        var discord = await DiscordDouble.StartAsync(time: time);
        var bot = await BotHost.StartAsync(
            discord,
            configure: b =>
            {
                b.AddStorage();
                configure(b);
            },
            settings: s =>
            {
                s["Storage:Path"] = Path.Combine(directory, "chatcoach.db");
                settings?.Invoke(s);
            },
            withFakeHandlers: false);
        await discord.Gateway.WaitForSessionsAsync(1);
        await bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
        return new RealBot(discord, bot, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Discord.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

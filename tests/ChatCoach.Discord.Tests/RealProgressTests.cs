using System.Text.Json.Nodes;
using ChatCoach.Charts;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Storage.LiteDb;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace ChatCoach.Discord.Tests;

/// <summary>/progress with its chart as a multipart upload (payload_json + files[0]) through our client and the Discord double.</summary>
public sealed class RealProgressTests : IAsyncLifetime
{
    private const string DmChannel = "1300000000000000098";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-discord-progress-").FullName;
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _bot = await BotHost.StartAsync(
            _discord,
            configure: b =>
            {
                b.AddStorage();
                b.AddRoutines();
                b.AddStreaks();
                b.AddCoaching();
                b.AddProgressChart();
            },
            settings: s => s["Storage:Path"] = Path.Combine(_directory, "chatcoach.db"),
            withFakeHandlers: false);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Progress_AfterADone_TheChartUploadedAsFiles0BesideTheText_A800By450Png()
    {
        await DirectCommand("done", []);
        var progress = await DirectCommand("progress", []);
        await DiscordDouble.WaitUntilAsync(() => !_discord.Rest.Uploads.IsEmpty, what: "the /progress chart upload");

        var upload = Assert.Single(_discord.Rest.Uploads);
        var request = Assert.Single(_discord.Rest.Requests, r => r.Path == upload.Path && r.Method == "POST");
        Assert.Equal("files[0]", upload.Field);
        Assert.Equal("image/png", upload.ContentType);
        Assert.Equal("progress-2026-11-23.png", upload.FileName);
        Assert.StartsWith("/webhooks/", upload.Path, StringComparison.Ordinal);
        var attachment = request.Body!["attachments"]![0]!;
        Assert.Equal(("0", upload.FileName), (attachment["id"]!.GetValue<string>(), attachment["filename"]!.GetValue<string>()));
        Assert.StartsWith("Chart of the weeks", attachment["description"]!.GetValue<string>(), StringComparison.Ordinal);
        using var bitmap = SKBitmap.Decode(upload.Content);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));

        // The text still says it all, in the deferred reply the picture follows.
        var texts = string.Join("\n", _discord.Rest.Requests.Where(r => r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)).Select(r => r.Body?.ToJsonString()));
        Assert.Contains("Days done per week", texts + progress.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> DirectCommand(string name, IReadOnlyList<(string, string)> options)
    {
        var callback = await _discord.AnswerToAsync(DiscordEvents.SlashCommand(_discord.ApplicationId, name, options, guildId: null, channelId: DmChannel, channelType: 1));
        Assert.Equal(204, callback.Status);
        return callback.Body!;
    }
}

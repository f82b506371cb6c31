using ChatCoach.Core.Advice;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>The real command handlers that have landed, end to end through the adapter and the double.</summary>
public sealed class RealCommandsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private DiscordDouble _discord = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordDouble.StartAsync(time: _time);
        _bot = await BotHost.StartAsync(_discord, configure: b => b.AddAdviceEngine(), withFakeHandlers: false);
        await _discord.Gateway.WaitForSessionsAsync(1);
        await _bot.Get<DiscordEventHandler>().CommandsRegistered.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task Ask_RealAdvice_IsAnEmbedWithinLimits_WithTheMedicalNotice()
    {
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "my knee hurts going down stairs after a run")]));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        var callback = Assert.Single(_discord.Rest.Where("POST", "/callback$"));
        Assert.Equal(204, callback.Status);
        var description = callback.Body!["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("not medical advice", description, StringComparison.Ordinal);
        Assert.Equal("Ask about knee pain in your own words", _discord.Rest.Where("PUT", "/commands$")[0].Body!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "ask")!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ask_ChineseQuestion_ChineseEmbedAndChineseCommandDescriptions()
    {
        await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", "膝盖外侧疼，下楼梯更明显怎么办")]));

        await _discord.Rest.WaitForAsync("POST", "/callback$", 1);
        var callback = Assert.Single(_discord.Rest.Where("POST", "/callback$"));
        Assert.Equal(204, callback.Status);
        var description = callback.Body!["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("来源：", description, StringComparison.Ordinal);
        Assert.Contains("不是医疗建议", description, StringComparison.Ordinal);
        var ask = _discord.Rest.Where("PUT", "/commands$")[0].Body!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "ask")!;
        Assert.Equal("用自己的话问膝盖疼的问题", ask["description_localizations"]!["zh-CN"]!.GetValue<string>());
        Assert.Equal("用自己的話問膝蓋痛的問題", ask["description_localizations"]!["zh-TW"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ask_EveryLabelledQuestion_RendersWithinDiscordsLimits()
    {
        var questions = LabelledQuestions();
        Assert.True(questions.Count > 100, $"only {questions.Count} questions found");

        foreach (var question in questions)
        {
            await _discord.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordEvents.SlashCommand(_discord.ApplicationId, "ask", [("question", question)]));
        }

        await _discord.Rest.WaitForAsync("POST", "/callback$", questions.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(0, _discord.Rest.InvalidBodies);
        Assert.All(_discord.Rest.Requests, r => Assert.True(r.Status < 300, $"{r.Method} {r.Path} → {r.Status}"));
    }

    [Fact]
    public async Task Mention_RealQuestion_IsAnsweredInTheChannel()
    {
        await _discord.Gateway.DispatchAsync("MESSAGE_CREATE", DiscordEvents.Message($"<@{_discord.BotUserId}> should i ice my knee after running?", mentionIds: [_discord.BotUserId]));

        await _discord.Rest.WaitForAsync("POST", "^/channels/\\d+/messages$", 1);
        var post = Assert.Single(_discord.Rest.Where("POST", "^/channels/\\d+/messages$"));
        Assert.NotNull(post.Body!["embeds"]![0]!["description"]);
        Assert.Equal(0, _discord.Rest.InvalidBodies);
    }

    private static List<string> LabelledQuestions()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatCoach.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var file = Path.Combine(directory.FullName, "tests", "ChatCoach.Core.Tests", "Advice", "labelled-questions.tsv");
        return [.. File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')[0]).Where(q => q.Length > 0)];
    }
}

using ChatCoach.Testing;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Tests.ConsoleChat;

/// <summary>
/// The Chinese conversation at the console, through the real composition, one database and fake time: <c>/language zh</c>,
/// then question, routine, Done, streak, subscribe and the scheduled post, every reply in Chinese.
/// </summary>
public sealed class ChineseConsoleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-console-zh-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Conversation_LanguageZh_EveryReplyAndThePostInChinese()
    {
        var time = new FakeTimeProvider(ChineseConversation.Start);
        await using var chat = await ConsoleChatHost.StartAsync(_directory, time, new Dictionary<string, string?> { ["Scheduler:PollInterval"] = "00:00:05" });

        var language = await chat.SayAsync("/language zh");
        Assert.Contains("中文", language, StringComparison.Ordinal);

        var answer = await chat.SayAsync(ChineseConversation.Question);
        Assert.Contains(ChineseConversation.AnswerTopic, answer, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.Source, answer, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.MedicalNotice, answer, StringComparison.Ordinal);

        var help = await chat.SayAsync("help");
        Assert.Contains(ChineseConversation.HelpTitle, help, StringComparison.Ordinal);

        var routine = await chat.SayAsync("routine hips");
        Assert.Contains(ChineseConversation.HipsRoutineTitle, routine, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.FormHeading, routine, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.DoneButton, routine, StringComparison.Ordinal);

        var done = await chat.SayAsync("done");
        Assert.Contains(ChineseConversation.DayOne, done, StringComparison.Ordinal);

        var streak = await chat.SayAsync("streak");
        Assert.Contains(ChineseConversation.StreakDayOne, streak, StringComparison.Ordinal);

        var subscribed = await chat.SayAsync("subscribe 07:05");
        Assert.Contains(ChineseConversation.Subscribed("07:05"), subscribed, StringComparison.Ordinal);

        var post = await chat.AdvanceUntilAsync(p => p.Contains(ChineseConversation.RoutineTitle, StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the scheduled post");
        Assert.Contains(ChineseConversation.PostPrompt, post, StringComparison.Ordinal);
        Assert.Contains("⏰ 定时推送", post, StringComparison.Ordinal); // the console's own frame, in the person's language too
        Assert.True(time.GetUtcNow() >= ChineseConversation.Start.AddMinutes(5), $"posted at {time.GetUtcNow():HH:mm:ss}, before 07:05");

        var unknown = await chat.SayAsync("/fly");
        Assert.Contains("我不认识“fly”这个命令。", unknown, StringComparison.Ordinal);

        var progress = await chat.SayAsync("progress");
        Assert.Contains($"🖼️ 图表（800×450）：{Path.Combine(_directory, "images")}", progress, StringComparison.Ordinal);
    }
}

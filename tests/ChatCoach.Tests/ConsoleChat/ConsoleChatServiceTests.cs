using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.ConsoleChat;

public sealed class ConsoleChatServiceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-console-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("help")]
    [InlineData("/help")]
    [InlineData("  HELP  ")]
    [InlineData("start")]
    public async Task Converse_HelpWithOrWithoutSlash_ListsCommands(string line)
    {
        var output = await ConsoleChatHost.ConverseAsync(_directory, line + "\n");

        Assert.Contains("ChatCoach — help", output, StringComparison.Ordinal);
        Assert.Contains("/help — ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converse_ChineseQuestionWarningSignAndTraditional_AnsweredInChinese()
    {
        var output = await ConsoleChatHost.ConverseAsync(_directory, "下楼梯膝盖疼怎么办\n膝盖卡住了，伸不直\n膝蓋紅腫熱痛，還發燒\nmy knee hurts after running\n");

        Assert.Contains("来源：", output, StringComparison.Ordinal);
        Assert.Contains("请今天就去看医生", output, StringComparison.Ordinal);
        Assert.Contains("请马上就医", output, StringComparison.Ordinal);
        Assert.Contains("Source:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("English only", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converse_UnknownSlashCommand_SaysSoAndPointsToHelp()
    {
        var output = await ConsoleChatHost.ConverseAsync(_directory, "/frobnicate now\n");

        Assert.Contains("I don't know the command \"frobnicate\"", output, StringComparison.Ordinal);
        Assert.Contains("/help", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converse_HostileLines_EveryLineGetsAnAnswerAndTheChatEndsCleanly()
    {
        var lines = new[]
        {
            "/" + new string('x', 10_000),
            "/help\u0000\u001b[31m",
            "/😀",
            "/",
        };

        var output = await ConsoleChatHost.ConverseAsync(_directory, string.Join('\n', lines) + "\n");

        Assert.Equal(3, CountOccurrences(output, "That didn't work"));
        Assert.Contains("ChatCoach — help", output, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 100), output, StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}

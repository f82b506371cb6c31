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

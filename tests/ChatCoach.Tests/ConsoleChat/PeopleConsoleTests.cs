using System.Text.Json;
using ChatCoach.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Tests.ConsoleChat;

/// <summary>/mydata and /forget at the console, through the real composition and database.</summary>
public sealed class PeopleConsoleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatcoach-people-console-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task MyData_AtTheConsole_WritesAPrivateFileBesideTheDatabase_AndPrintsItsPath()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

        var output = await ConsoleChatHost.ConverseAsync(_directory, "done\nmydata\nmydata\n", time);

        var paths = output.Split('\n').Where(l => l.StartsWith("Saved to ", StringComparison.Ordinal)).Select(l => l["Saved to ".Length..].Trim()).ToList();
        Assert.Equal(2, paths.Count);
        Assert.NotEqual(paths[0], paths[1]); // a second export never overwrites the first
        Assert.All(paths, p => Assert.Equal(_directory, Path.GetDirectoryName(p)));
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(paths[0]));
        Assert.Equal("2026-11-24", json.RootElement.GetProperty("completions")[0].GetProperty("date").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(paths[0]));
        }
    }

    [Fact]
    public async Task Forget_AtTheConsole_AsksThenDeletes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

        var output = await ConsoleChatHost.ConverseAsync(_directory, "done\nforget\nforget yes\nstreak\n", time);

        Assert.Contains("Delete everything about you?", output, StringComparison.Ordinal);
        Assert.Contains("1 completed day", output, StringComparison.Ordinal);
        Assert.Contains("No days yet", output, StringComparison.Ordinal);
    }
}

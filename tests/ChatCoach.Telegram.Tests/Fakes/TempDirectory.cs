namespace ChatCoach.Telegram.Tests.Fakes;

/// <summary>A fresh directory for a test's LiteDB file, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("chatcoach-telegram-").FullName;

    public string Database => System.IO.Path.Combine(Path, "chatcoach.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

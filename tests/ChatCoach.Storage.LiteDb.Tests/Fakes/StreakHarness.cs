using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Storage.LiteDb.Tests.Fakes;

/// <summary>
/// The real router, streak handlers and LiteDB stores on a temporary file, with a fake clock.
/// <see cref="Reopen"/> closes the file and opens it again, as a restart would.
/// </summary>
public sealed class StreakHarness : IDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private ChatCoachDatabase _database;

    public StreakHarness(DateTimeOffset start, string? directory = null)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Directory.CreateTempSubdirectory("chatcoach-streaks-").FullName;
        Time = new FakeTimeProvider(start);
        Path = System.IO.Path.Combine(_directory, "chatcoach.db");
        _database = new ChatCoachDatabase(Path);
        Build();
    }

    public FakeTimeProvider Time { get; }

    public string Path { get; }

    public ChatCoachDatabase Database => _database;

    public CommandRouter Router { get; private set; } = null!;

    public StreakService Streaks { get; private set; } = null!;

    public LiteDbPersonStore People { get; private set; } = null!;

    public LiteDbCompletionStore Completions { get; private set; } = null!;

    public LiteDbStreakSummaryStore Summaries { get; private set; } = null!;

    public void Reopen()
    {
        _database.Dispose();
        _database = new ChatCoachDatabase(Path);
        Build();
    }

    public Task<Reply?> SendAsync(InboundMessage message) => Router.RouteAsync(message, CancellationToken.None);

    public async Task<Reply> CommandAsync(InboundMessage message) =>
        await SendAsync(message) ?? throw new InvalidOperationException("The router ignored the message.");

    public void Dispose()
    {
        _database.Dispose();
        if (_ownsDirectory)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Build()
    {
        People = new LiteDbPersonStore(_database);
        Completions = new LiteDbCompletionStore(_database);
        Summaries = new LiteDbStreakSummaryStore(_database);
        Streaks = new StreakService(Completions, Summaries, new LiteDbStreakActivityStore(_database), People, Time);
        Router = new CommandRouter(
            [new DoneHandler(Streaks), new StreakHandler(Streaks), new TimeZoneHandler(Streaks, People, Time), new LeaderboardHandler(Streaks)],
            NullLogger<CommandRouter>.Instance);
    }
}

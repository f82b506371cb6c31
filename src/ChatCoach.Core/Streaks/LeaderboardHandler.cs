using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.Streaks;

/// <summary><c>/leaderboard</c>: the top live streaks among people who completed a routine in this server or chat.</summary>
public sealed class LeaderboardHandler(StreakService streaks) : ICommandHandler
{
    public string Name => "leaderboard";

    public string Usage => "leaderboard";

    public string Description => "Top current streaks among people active in this chat or server";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = request.Message.ServerId is null ? "this chat" : "this server";
        var entries = await streaks.GetLeaderboardAsync(request.Message.Chat, cancellationToken);
        if (entries.Count == 0)
        {
            return Reply.Text(
                $"Leaderboard — {scope}",
                $"No live streaks in {scope} yet. Do a /routine and press Done to start one.");
        }

        var lines = entries
            .Select(e => $"{e.Rank}. {e.DisplayName} — {StreakTexts.Days(e.Current)} 🔥{(e.CompletedToday ? " ✅" : "")}")
            .ToList();
        return new Reply
        {
            Title = $"Leaderboard — {scope}",
            Blocks =
            [
                new BulletList(lines),
                new Paragraph("✅ = done today. Streaks count people who pressed Done here at least once."),
            ],
        };
    }
}

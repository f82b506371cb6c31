using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Streaks;

/// <summary><c>/leaderboard</c>: the top live streaks among people who completed a routine in this server or chat.</summary>
public sealed class LeaderboardHandler(StreakService streaks, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "leaderboard";

    public string Usage => "leaderboard";

    public string Description => "Top current streaks among people active in this chat or server";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        var scope = request.Message.ServerId is null ? "chat" : "server";
        var title = PeopleTexts.Get("lb.title." + scope, culture);
        var entries = await streaks.GetLeaderboardAsync(request.Message.Chat, cancellationToken);
        if (entries.Count == 0)
        {
            return Reply.Text(title, PeopleTexts.Get("lb.empty." + scope, culture));
        }

        var lines = entries
            .Select(e => PeopleTexts.Format(e.CompletedToday ? "lb.line.today" : "lb.line", culture, e.Rank, e.DisplayName, StreakTexts.DaysIn(e.Current, culture)))
            .ToList();
        return new Reply
        {
            Title = title,
            Blocks =
            [
                new BulletList(lines),
                new Paragraph(PeopleTexts.Get("lb.legend", culture)),
            ],
        };
    }
}

using ChatCoach.Core.Conversation;
using ChatCoach.Core.Tests.People;

namespace ChatCoach.Core.Tests.Coaching;

/// <summary>A pain figure is health data: stored for the person only, never shown on a leaderboard.</summary>
public sealed class PainPrivacyTests
{
    private readonly PeopleWorld _world = new();

    [Fact]
    public async Task Leaderboard_AfterPainCheckInsInTheGroupAndPrivately_ShowsExactlyWhatItShowedBefore()
    {
        await _world.SayAsync(PeopleWorld.Telegram, "/done", group: "-300");
        var before = await _world.TextAsync(PeopleWorld.Telegram, "/leaderboard", group: "-300");

        await _world.SayAsync(PeopleWorld.Telegram, "/pain 8", group: "-300");
        await _world.SayAsync(PeopleWorld.Telegram, "/pain 7");
        var after = await _world.TextAsync(PeopleWorld.Telegram, "/leaderboard", group: "-300");

        Assert.Contains("1. Ana — 1 day", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
        var stored = Assert.Single(await _world.CheckIns.GetRangeAsync(PeopleWorld.Telegram, new(2000, 1, 1), new(2100, 1, 1), CancellationToken.None));
        Assert.Equal(7, stored.Score);
    }
}

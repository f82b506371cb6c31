namespace ChatCoach.Telegram.Tests.SeveralInstances;

/// <summary>
/// The tests whose instances elect a poller. The election is a PostgreSQL advisory lock per bot id, and locks are
/// server-wide, not per schema (rightly: two deployments of one token must not both long poll), while every test
/// talks to the same test server as the same bot. Run side by side, one test's instance held the lock and another's
/// stood by (seen as a take-over "after 37 minutes", and a first poll that never came). So they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OneTestBotPollerAtATime
{
    public const string Name = "The test bot's poller lock on the shared PostgreSQL server";
}

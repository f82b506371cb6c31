using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Streaks;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

/// <summary>
/// Property-style: for generated valid histories (dates, pauses that don't overlap), linking two people gives exactly
/// what the streak rules say about the union of their days and their paused days.
/// </summary>
public sealed class MergePropertyTests
{
    private static readonly LocalDate Start = new(2026, 1, 1);

    [Fact]
    public async Task Link_GeneratedHistories_StreakIsTheRulesAnswerForTheUnion()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var world = new PeopleWorld(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
            var (datesA, pausesA) = await SeedAsync(world, PeopleWorld.Telegram, random);
            var (datesB, pausesB) = await SeedAsync(world, PeopleWorld.Discord, random);

            var linked = await world.LinkAsync(PeopleWorld.Telegram, PeopleWorld.Discord);

            var union = datesA.Union(datesB).Order().ToList();
            var pauses = PersonData.MergePauses(pausesA, pausesB);
            var expected = StreakRules.Fold(union, pauses);
            var summary = await world.Summaries.FindAsync(PeopleWorld.Telegram, default);
            var today = new LocalDate(2026, 4, 1);
            var view = await world.Streaks.GetAsync(PeopleWorld.Telegram, default);

            Assert.Contains("Accounts linked", linked, StringComparison.Ordinal);
            Assert.Equal(union, await world.Completions.GetAllDatesAsync(PeopleWorld.Telegram, default));
            Assert.Equal(expected, summary!.State with { FrozenDates = expected.FrozenDates });
            Assert.Equal(expected.FrozenDates, summary.State.FrozenDates);
            Assert.Equal(StreakRules.Evaluate(expected, today, pauses), view.Standing);
            Assert.True(NoOverlap(pauses), $"seed {seed}: merged pauses overlap");
            Assert.All(union, d => Assert.False(pausesA.Concat(pausesB).Any(p => p.Contains(d)) && !pauses.Any(p => p.Contains(d))));
        }
    }

    [Fact]
    public void MergePauses_OverlappingAndAdjacentSpans_JoinIntoOne()
    {
        var merged = PersonData.MergePauses(
            [new PauseSpan(new(2026, 3, 1), new(2026, 3, 5)), new PauseSpan(new(2026, 3, 20), new(2026, 3, 21))],
            [new PauseSpan(new(2026, 3, 4), new(2026, 3, 9)), new PauseSpan(new(2026, 3, 10), new(2026, 3, 11))]);

        Assert.Equal([new PauseSpan(new(2026, 3, 1), new(2026, 3, 11)), new PauseSpan(new(2026, 3, 20), new(2026, 3, 21))], merged);
    }

    /// <summary>A valid history written straight to the stores, as the streak service would have kept it.</summary>
    private static async Task<(List<LocalDate> Dates, List<PauseSpan> Pauses)> SeedAsync(PeopleWorld world, PersonKey person, Random random)
    {
        var pauses = new List<PauseSpan>();
        var day = Start.PlusDays(random.Next(0, 10));
        while (pauses.Count < random.Next(0, 4))
        {
            var first = day.PlusDays(random.Next(1, 25));
            var last = first.PlusDays(random.Next(0, 6));
            pauses.Add(new PauseSpan(first, last));
            day = last.PlusDays(1);
        }

        await world.Pauses.SaveAsync(person, new ChatCoach.Core.Streaks.PauseHistory(pauses, WelcomedBack: true), default);

        // Mostly consecutive days with gaps of 1–3, none on a paused day (Done counts nothing while paused).
        var dates = new List<LocalDate>();
        var date = Start.PlusDays(random.Next(0, 5));
        var end = new LocalDate(2026, 3, 31);
        while (date <= end)
        {
            if (!pauses.Any(p => p.Contains(date)))
            {
                dates.Add(date);
            }

            date = date.PlusDays(random.NextDouble() < 0.7 ? 1 : random.Next(2, 5));
        }

        var state = StreakState.Empty;
        foreach (var d in dates)
        {
            state = StreakRules.Add(state, d, pauses);
            var chat = new ChatAddress(person.Platform, "chat-" + person.UserId);
            await world.Completions.TryAddAsync(
                new Completion(person, d, chat, d.AtMidnight().InUtc().ToInstant()),
                new StreakSummary(person, "Ana", null, state),
                default);
        }

        return (dates, pauses);
    }

    private static bool NoOverlap(IReadOnlyList<PauseSpan> pauses) =>
        pauses.Zip(pauses.Skip(1)).All(p => p.First.Last < p.Second.First);
}

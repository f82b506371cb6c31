using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

public sealed class ProgressionRulesTests
{
    private static readonly PersonKey Ann = new("telegram", "42");
    private static readonly LocalDate Today = new(2026, 3, 20);

    private static PainCheckIn Pain(LocalDate date, int score) => new(Ann, date, score, Instant.FromUtc(2026, 3, 1, 0, 0));

    /// <summary>The last <paramref name="count"/> days before today.</summary>
    private static List<LocalDate> DaysBefore(int count, LocalDate? until = null) =>
        [.. Enumerable.Range(1, count).Select(i => (until ?? Today).PlusDays(-i))];

    [Fact]
    public void Advance_SixSessionsIn14DaysNoCheckIns_StepsUpOnTheDayOfTheSixth()
    {
        var state = ProgressionRules.Advance(ProgressionState.Start, DaysBefore(6), [], Today);

        Assert.Equal(new ProgressionState(2, Today.PlusDays(-1)), state);
    }

    [Fact]
    public void Advance_FiveSessions_StaysAtLevelOne() =>
        Assert.Same(ProgressionState.Start, ProgressionRules.Advance(ProgressionState.Start, DaysBefore(5), [], Today));

    [Fact]
    public void Advance_SixSessionsSpreadOverMoreThan14Days_StaysAtLevelOne()
    {
        // Every third day: at most five fall inside any 14-day window.
        List<LocalDate> sparse = [.. Enumerable.Range(1, 8).Select(i => Today.PlusDays(-3 * i))];

        Assert.Equal(1, ProgressionRules.Advance(ProgressionState.Start, sparse, [], Today).Level);
    }

    [Fact]
    public void Advance_ACheckInOfFourInTheWindow_NoStepUp()
    {
        var state = ProgressionRules.Advance(ProgressionState.Start, DaysBefore(6), [Pain(Today.PlusDays(-3), 4), Pain(Today.PlusDays(-2), 1)], Today);

        Assert.Equal(1, state.Level);
    }

    [Fact]
    public void Advance_CheckInsAtThreeOrLess_StepUp()
    {
        var state = ProgressionRules.Advance(ProgressionState.Start, DaysBefore(6), [.. DaysBefore(6).Select(d => Pain(d, 3))], Today);

        Assert.Equal(2, state.Level);
    }

    [Fact]
    public void Advance_TodaysSessionAndCheckIn_CountFromTomorrow()
    {
        List<LocalDate> done = [Today, .. DaysBefore(5)];

        Assert.Equal(1, ProgressionRules.Advance(ProgressionState.Start, done, [], Today).Level);
        Assert.Equal(2, ProgressionRules.Advance(ProgressionState.Start, done, [], Today.PlusDays(1)).Level);
        Assert.Equal(1, ProgressionRules.Advance(ProgressionState.Start, done, [Pain(Today, 7)], Today.PlusDays(1)).Level);
    }

    [Fact]
    public void Advance_AfterAStepUp_SixNewSessionsAreNeededForTheNext()
    {
        // 12 days in a row: level 2 after the 6th, level 3 after the 12th, never two steps from the same sessions.
        var twelve = DaysBefore(12);

        Assert.Equal(3, ProgressionRules.Advance(ProgressionState.Start, twelve, [], Today).Level);
        Assert.Equal(2, ProgressionRules.Advance(ProgressionState.Start, DaysBefore(11), [], Today).Level);
    }

    [Fact]
    public void Advance_EveryDayForMonths_CappedAtTheTopLevel()
    {
        var state = ProgressionRules.Advance(ProgressionState.Start, DaysBefore(50), [], Today);

        Assert.Equal(ProgressionRules.MaxLevel, state.Level);
    }

    [Fact]
    public void Advance_HighPain_StepsBackOneLevelAndTheWindowStartsAgain()
    {
        var atThree = new ProgressionState(3, Today.PlusDays(-20));

        var state = ProgressionRules.Advance(atThree, DaysBefore(5), [Pain(Today.PlusDays(-4), 6)], Today);

        // Back to 2 on the day of the 6; the three sessions after it are not yet six.
        Assert.Equal(new ProgressionState(2, Today.PlusDays(-4)), state);
    }

    [Fact]
    public void Advance_HighPainAtLevelOne_StaysAtOneAndRestartsTheCount()
    {
        var state = ProgressionRules.Advance(ProgressionState.Start, DaysBefore(10), [Pain(Today.PlusDays(-5), 8)], Today);

        Assert.Equal(new ProgressionState(1, Today.PlusDays(-5)), state);
    }

    [Fact]
    public void Advance_SameDataTwice_SameStateNothingNew()
    {
        var once = ProgressionRules.Advance(ProgressionState.Start, DaysBefore(7), [], Today);

        Assert.Same(once, ProgressionRules.Advance(once, DaysBefore(7), [], Today));
    }

    [Theory]
    [InlineData(10, null, 2, 13, null)]
    [InlineData(10, null, 3, 15, null)]
    [InlineData(5, 5, 2, 7, 5)]
    [InlineData(5, 5, 3, 9, 10)]
    [InlineData(null, 20, 2, null, 30)]
    [InlineData(null, 20, 3, null, 40)]
    public void DoseAt_Levels_MoreRepsThenLongerHolds(int? reps, int? hold, int level, int? expectedReps, int? expectedHold)
    {
        var dose = ProgressionRules.DoseAt(new Dose(reps, 2, hold, PerSide: true), level);

        Assert.Equal(new Dose(expectedReps, 2, expectedHold, PerSide: true), dose);
    }

    [Fact]
    public void AtLevel_TopLevel_SwapsInTheCataloguesHarderVariantWithItsSource()
    {
        var lunge = RoutineTestData.Catalog["forward-lunge"];

        var harder = ProgressionRules.AtLevel(lunge, ProgressionRules.MaxLevel);

        Assert.Equal("Slow lunge with a pause", harder.Name);
        Assert.Equal(lunge.HarderVariant!.Dose, harder.Dose);
        Assert.Equal("002_5f2fea6c1b52d119.txt", harder.Source);
        Assert.StartsWith("Go back to the forward lunge", harder.Easier, StringComparison.Ordinal);
        Assert.Equal(lunge.DeepKneeBend, harder.DeepKneeBend);
    }

    [Fact]
    public void AtLevel_TopLevelWithoutAVariant_StaysAtLevelThreeDose()
    {
        var stretch = RoutineTestData.Catalog["forward-fold"];

        Assert.Equal(ProgressionRules.DoseAt(stretch.Dose, 3), ProgressionRules.AtLevel(stretch, 4).Dose);
        Assert.Equal(stretch.Name, ProgressionRules.AtLevel(stretch, 4).Name);
    }

    [Fact]
    public void Catalogue_EveryStrengthExercise_HasAHarderVariantNamingASeedArticle()
    {
        var strength = RoutineTestData.Catalog.Exercises.Where(e => e.Kind == ExerciseKind.Strength).ToList();

        Assert.NotEmpty(strength);
        Assert.All(strength, e =>
        {
            Assert.NotNull(e.HarderVariant);
            Assert.Matches(@"^\d{3}_[0-9a-f]{16}\.txt$", e.HarderVariant.Source);
            Assert.InRange(e.HarderVariant.Steps.Count, 2, 5);
        });
    }
}

using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Tests.Coaching;

public sealed class AdaptationRulesTests
{
    private static readonly PersonKey Ann = new("telegram", "42");
    private static readonly LocalDate Today = new(2026, 3, 12);

    private static PainCheckIn On(int daysAgo, int score) =>
        new(Ann, Today.PlusDays(-daysAgo), score, Instant.FromUtc(2026, 3, 12, 8, 0).Minus(Duration.FromDays(daysAgo)));

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(3, false)]
    [InlineData(0, false)]
    public void IsGentleDay_YesterdaysCheckIn_GentleFromFour(int score, bool gentle) =>
        Assert.Equal(gentle, AdaptationRules.IsGentleDay([On(1, score)], Today));

    [Fact]
    public void IsGentleDay_HighPainTwoDaysAgoThenNothing_NotGentle() =>
        Assert.False(AdaptationRules.IsGentleDay([On(2, 7)], Today));

    [Fact]
    public void IsGentleDay_HighPainYesterdayButLowerToday_StillGentleToday() =>
        Assert.True(AdaptationRules.IsGentleDay([On(1, 5), On(0, 1)], Today)); // today's check-in comes after the session

    [Fact]
    public void IsGentleDay_TodaysHighCheckIn_MakesTomorrowGentleNotToday()
    {
        Assert.False(AdaptationRules.IsGentleDay([On(0, 6)], Today));
        Assert.True(AdaptationRules.IsGentleDay([On(0, 6)], Today.PlusDays(1)));
    }

    [Fact]
    public void IsGentleDay_RisingAcrossLastThree_Gentle() =>
        Assert.True(AdaptationRules.IsGentleDay([On(5, 1), On(3, 2), On(1, 3)], Today));

    [Fact]
    public void IsGentleDay_LastThreeNotStrictlyRising_NotGentle()
    {
        Assert.False(AdaptationRules.IsGentleDay([On(5, 1), On(3, 2), On(1, 2)], Today));
        Assert.False(AdaptationRules.IsGentleDay([On(5, 3), On(3, 2), On(1, 3)], Today));
    }

    [Fact]
    public void IsGentleDay_RisingButOldestOutsideTheWeek_NotGentle() =>
        Assert.False(AdaptationRules.IsGentleDay([On(8, 0), On(3, 1), On(1, 2)], Today));

    [Fact]
    public void IsGentleDay_NoCheckIns_NotGentle() => Assert.False(AdaptationRules.IsGentleDay([], Today));

    [Fact]
    public void CallsForProfessional_SixTwiceWithinSevenDays_True() =>
        Assert.True(AdaptationRules.CallsForProfessional([On(6, 6), On(0, 7)], Today));

    [Fact]
    public void CallsForProfessional_SixTwiceEightDaysApart_False() =>
        Assert.False(AdaptationRules.CallsForProfessional([On(7, 6), On(0, 6)], Today));

    [Fact]
    public void CallsForProfessional_FourOrMoreOnMostCheckInsOverFortnight_True() =>
        Assert.True(AdaptationRules.CallsForProfessional([On(13, 4), On(10, 2), On(7, 5), On(3, 4), On(0, 1)], Today));

    [Fact]
    public void CallsForProfessional_FourOrMoreOnHalfOnly_False() =>
        Assert.False(AdaptationRules.CallsForProfessional([On(13, 4), On(10, 2), On(3, 4), On(0, 1)], Today));

    [Fact]
    public void CallsForProfessional_TooFewCheckInsToSayMost_False() =>
        Assert.False(AdaptationRules.CallsForProfessional([On(3, 5), On(0, 5)], Today));

    [Fact]
    public void CallsForProfessional_HighPainOlderThanFortnight_Ignored() =>
        Assert.False(AdaptationRules.CallsForProfessional([On(20, 5), On(18, 5), On(16, 5), On(14, 5), On(0, 1)], Today));

    [Theory]
    [InlineData(null, true)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    public void MayRefer_AtMostOnceAWeek(int? daysAgo, bool expected) =>
        Assert.Equal(expected, AdaptationRules.MayRefer(daysAgo is { } d ? Today.PlusDays(-d) : null, Today));
}

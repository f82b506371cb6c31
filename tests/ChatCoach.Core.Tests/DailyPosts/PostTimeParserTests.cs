using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Core.Tests.DailyPosts;

public sealed class PostTimeParserTests
{
    [Theory]
    [InlineData("7:30", 7, 30)]
    [InlineData("07:30", 7, 30)]
    [InlineData("19:00", 19, 0)]
    [InlineData("0:05", 0, 5)]
    [InlineData("23:59", 23, 59)]
    [InlineData("7", 7, 0)]
    [InlineData("7pm", 19, 0)]
    [InlineData("7PM", 19, 0)]
    [InlineData("12am", 0, 0)]
    [InlineData("12pm", 12, 0)]
    [InlineData("6:45am", 6, 45)]
    [InlineData("6.45", 6, 45)]
    [InlineData("9p.m.", 21, 0)]
    public void TryParse_AcceptedForms_ReadsTheTime(string text, int hour, int minute)
    {
        Assert.True(PostTimeParser.TryParse(text, out var time));
        Assert.Equal(new LocalTime(hour, minute), time);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("7:60")]
    [InlineData("13pm")]
    [InlineData("0am")]
    [InlineData("7:3")]
    [InlineData("730")]
    [InlineData("seven")]
    [InlineData("")]
    [InlineData("7:30:15")]
    public void TryParse_BadForms_Refused(string text)
    {
        Assert.False(PostTimeParser.TryParse(text, out _));
    }
}

using System.Text.Json;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

/// <summary>The coaching stores (exercise level, reminder) follow a person through /link, /mydata and /forget.</summary>
public sealed class CoachingDataAcrossPeopleTests
{
    private readonly PeopleWorld _world = new();

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    private static Reminder ReminderOf(PersonKey person, int hour) =>
        new(person, new ChatAddress(person.Platform, person.UserId), new LocalTime(hour, 0), new LocalDate(2026, 11, 3), Instant.FromUtc(2026, 11, 3, hour, 0));

    [Fact]
    public async Task Link_BothHaveLevelsAndOnlyTheTyperHasAReminder_KeepsTheLowerLevelAndMovesTheReminder()
    {
        await _world.Progression.SaveAsync(Telegram, new ProgressionState(3, new LocalDate(2026, 10, 20)), default);
        await _world.Progression.SaveAsync(Discord, new ProgressionState(2, new LocalDate(2026, 10, 25)), default);
        await _world.Reminders.SaveAsync(ReminderOf(Discord, 19), default);

        await _world.LinkAsync(Telegram, Discord);

        Assert.Equal(2, (await _world.Progression.GetAsync(Telegram, default))!.Level);
        var moved = await _world.Reminders.GetAsync(Telegram, default);
        Assert.NotNull(moved);
        Assert.Equal(new LocalTime(19, 0), moved.LocalTime);
        Assert.Equal(new ChatAddress("discord", Discord.UserId), moved.Chat);
        Assert.Null(await _world.Reminders.GetAsync(Discord, default));
        Assert.Null(await _world.Progression.GetAsync(Discord, default));
    }

    [Fact]
    public async Task Link_BothHaveReminders_TheAskersReminderStays()
    {
        await _world.Reminders.SaveAsync(ReminderOf(Telegram, 7), default);
        await _world.Reminders.SaveAsync(ReminderOf(Discord, 19), default);

        await _world.LinkAsync(Telegram, Discord);

        Assert.Equal(new LocalTime(7, 0), (await _world.Reminders.GetAsync(Telegram, default))!.LocalTime);
    }

    [Fact]
    public async Task MyData_LevelAndReminder_AreInTheFile()
    {
        await _world.Progression.SaveAsync(Telegram, new ProgressionState(2, new LocalDate(2026, 10, 25)), default);
        await _world.Reminders.SaveAsync(ReminderOf(Telegram, 19), default);

        var reply = await _world.SayAsync(Telegram, "/mydata");

        using var json = JsonDocument.Parse(Assert.IsType<ReplyAttachment>(reply.Attachment).Content);
        Assert.Equal(2, json.RootElement.GetProperty("exerciseLevel").GetProperty("level").GetInt32());
        Assert.Equal("2026-10-25", json.RootElement.GetProperty("exerciseLevel").GetProperty("changedOn").GetString());
        Assert.Equal("19:00", json.RootElement.GetProperty("reminder").GetProperty("time").GetString());
    }

    [Fact]
    public async Task Forget_Yes_DeletesLevelAndReminderAndSaysSo()
    {
        await _world.Progression.SaveAsync(Telegram, new ProgressionState(2, new LocalDate(2026, 10, 25)), default);
        await _world.Reminders.SaveAsync(ReminderOf(Telegram, 19), default);

        var reply = await _world.TextAsync(Telegram, "/forget yes");

        Assert.Contains("1 reminder", reply, StringComparison.Ordinal);
        Assert.Contains("1 exercise level", reply, StringComparison.Ordinal);
        Assert.Null(await _world.Progression.GetAsync(Telegram, default));
        Assert.Null(await _world.Reminders.GetAsync(Telegram, default));
    }
}

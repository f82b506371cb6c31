using System.Text.Json.Nodes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>Personal answers asked for in a group, the command menus per scope, the bot's descriptions and group help.</summary>
public sealed class GroupPrivacyAndMenuTests : IAsyncLifetime
{
    private const string At = "@" + Updates.BotUserName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public GroupPrivacyAndMenuTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    private TelegramTestHost Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.StartAsync();

        // Start-up calls that fail at first are retried, not skipped.
        Api.FailNext("setMyDescription", Fault.ServerError, count: 2);
        Api.FailNext("setMyShortDescription", Fault.DropConnection);
        Bot = await TelegramTestHost.StartAsync(Api, _time, Directory.Database, addCommands: builder =>
        {
            builder.AddAdviceEngine();
            builder.AddRoutines();
            builder.AddStreaks();
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Dispose();
    }

    [Fact]
    public async Task Streak_InGroupFromSomeoneWhoStartedTheBot_IsAnsweredPrivatelyWithAPointerInTheGroup()
    {
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.GroupMessage(-100_700, 700, $"/streak{At}", firstName: "Ana"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == before + 2, "the private answer and the pointer");

        var answer = Api.Sent.Single(c => c.ChatId == 700);
        var pointer = Api.Sent.Single(c => c.ChatId == -100_700);
        Assert.Contains("No days yet", answer.Text, StringComparison.Ordinal);
        Assert.Equal("Ana, I've answered you in a private chat 📬", pointer.Text);
        Assert.NotNull(pointer.Body["reply_parameters"]);
    }

    [Fact]
    public async Task TimeZone_InGroupFromSomeoneWhoNeverStartedTheBot_GroupLearnsHowWithoutTheZone()
    {
        Api.NotStarted[701] = true;
        var before = Api.Sent.Count;

        Api.Enqueue(Updates.GroupMessage(-100_701, 701, $"/timezone{At} Europe/Lisbon", firstName: "Ben"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == before + 1, "the pointer");

        var refused = Api.Calls.Single(c => c.Method == "sendMessage" && c.ChatId == 701);
        Assert.Equal((403, "Forbidden: bot can't initiate conversation with a user"), (refused.Status, refused.Description));
        var pointer = Api.Sent.Single(c => c.ChatId == -100_701);
        Assert.Contains($"open {At}, press Start and send /timezone there", pointer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lisbon", pointer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeZoneAlias_InGroup_IsAnsweredPrivatelyToo()
    {
        var before = Api.Sent.Count;
        Api.Enqueue(Updates.GroupMessage(-100_705, 705, $"/tz{At} Europe/Lisbon", firstName: "Cy"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == before + 2, "the private answer and the pointer");

        Assert.Contains("Lisbon", Api.Sent.Single(c => c.ChatId == 705).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lisbon", Api.Sent.Single(c => c.ChatId == -100_705).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streak_InPrivateChat_IsAnsweredThereWithoutPointer()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(702, "/streak"));

        Assert.Contains("No days yet", reply.Text, StringComparison.Ordinal);
        Assert.Single(Api.Sent, c => c.ChatId == 702);
    }

    [Fact]
    public void Start_SetsAMenuPerScope_AdminCommandsOnlyForAdmins()
    {
        var everyone = Api.MenuOf("all_private_chats");
        var members = Api.MenuOf("all_group_chats");
        var admins = Api.MenuOf("all_chat_administrators");

        Assert.Contains("subscribe", everyone);
        Assert.Contains("streak", members);
        Assert.DoesNotContain("subscribe", members);
        Assert.DoesNotContain("unsubscribe", members);
        Assert.Contains("subscribe", admins);
        Assert.Contains("unsubscribe", admins);
        Assert.Equal(everyone.Order(), admins.Order());
    }

    [Fact]
    public void Start_SetsBothDescriptions_RetryingFailures()
    {
        var descriptions = Api.Calls.Where(c => c.Method == "setMyDescription" && c.Body["language_code"] is null).ToList();
        var shorts = Api.Calls.Where(c => c.Method == "setMyShortDescription" && c.Body["language_code"] is null).ToList();

        Assert.Equal([500, 500, 200], descriptions.Select(c => c.Status));
        Assert.Equal([0, 200], shorts.Select(c => c.Status));
        Assert.Contains("not medical advice", descriptions[^1].Body["description"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Not medical advice", shorts[^1].Body["short_description"]!.ToString(), StringComparison.Ordinal);
        Assert.True(descriptions[2].At - descriptions[1].At >= TimeSpan.FromSeconds(2)); // backoff doubling, in fake time
    }

    [Fact]
    public void Start_SetsTheChineseDescriptionsToo()
    {
        var description = Assert.Single(Api.Calls, c => c.Method == "setMyDescription" && c.Body["language_code"]?.ToString() == "zh");
        var shortDescription = Assert.Single(Api.Calls, c => c.Method == "setMyShortDescription" && c.Body["language_code"]?.ToString() == "zh");

        Assert.True(description.Ok, description.Description);
        Assert.True(shortDescription.Ok, shortDescription.Description);
        Assert.Contains("不能代替医疗建议", description.Body["description"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("不是医疗建议", shortDescription.Body["short_description"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_InGroup_NamesTheBotInEveryCommand()
    {
        var group = await ExchangeAsync(Updates.GroupMessage(-100_703, 703, $"/help{At}"));
        var direct = await ExchangeAsync(Updates.PrivateMessage(703, "/help"));

        Assert.Contains($"• /streak{At} — ", group.Text, StringComparison.Ordinal);
        Assert.Contains($"• /routine{At} [", group.Text, StringComparison.Ordinal);
        Assert.Contains("• /streak — ", direct.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(At, direct.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForAnotherBot_IsIgnored()
    {
        Api.Enqueue(Updates.GroupMessage(-100_704, 704, "/help@SomeOtherBot"));
        var reply = await ExchangeAsync(Updates.GroupMessage(-100_704, 704, $"/routine{At}"));

        Assert.Equal(-100_704, reply.ChatId);
        Assert.DoesNotContain(Api.Sent, c => c.Text.Contains("ChatCoach — help", StringComparison.Ordinal));
    }

    private async Task<RecordedCall> ExchangeAsync(JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }
}

using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>The commands as the host composes them (the core's real handlers over LiteDB), through Telegram.</summary>
public sealed class RealCommandTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public RealCommandTests() => Api = new BotApiDouble(_time);

    private BotApiDouble Api { get; }

    private TempDirectory Directory { get; } = new();

    private TelegramTestHost Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.StartAsync();
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
    public async Task Ask_WithQuestion_AnswersWithAdviceAndMedicalNotice()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(300, "/ask my knee hurts going down stairs after a run"));

        Assert.True(reply.Ok);
        Assert.StartsWith("<b>", reply.Text, StringComparison.Ordinal);
        Assert.Contains(TelegramRenderer(MedicalNotice.Text), reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_AsMentionInGroup_AnswersQuotingTheQuestion()
    {
        var update = Updates.Mention(-100_300, 301, "", " should I ice my knee after running?");

        var reply = await ExchangeAsync(update);

        Assert.Equal(update["message"]!["message_id"]!.GetValue<int>(), reply.Body["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Contains(TelegramRenderer(MedicalNotice.Text), reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_WithoutQuestion_PromptsForOne()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(302, "/ask"));

        Assert.Contains("Ask me about knee pain", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AtStartUp_RegistersChineseCommandMenu()
    {
        var zh = Api.Calls.Where(c => c.Method == "setMyCommands" && c.Body["language_code"]?.ToString() == "zh").ToList();
        var commands = zh[0].Body["commands"]!.AsArray();

        Assert.Equal(3, zh.Count); // one per scope: private chats, group members, group administrators
        Assert.All(zh, c => Assert.True(c.Ok, c.Description));
        Assert.DoesNotContain("subscribe", Api.MenuOf("all_group_chats", "zh"));
        Assert.Contains("subscribe", Api.MenuOf("all_chat_administrators", "zh"));
        Assert.Contains(commands, c => c!["command"]!.ToString() == "routine" && c["description"]!.ToString() == "今天 10–15 分钟的拉伸和力量练习");
        Assert.Contains(commands, c => c!["command"]!.ToString() == "ask" && c["description"]!.ToString() == "用自己的话问膝盖疼的问题");
    }

    [Fact]
    public async Task Ask_ChineseQuestionThenWarningSign_RepliesInChinese()
    {
        var advice = await ExchangeAsync(Updates.PrivateMessage(306, "下楼梯膝盖疼怎么办"));
        var urgent = await ExchangeAsync(Updates.PrivateMessage(306, "膝蓋紅腫熱痛，還發燒38度5"));

        Assert.True(advice.Ok, advice.Description);
        Assert.Contains("来源：", advice.Text, StringComparison.Ordinal);
        Assert.Contains("请马上就医", urgent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryRegisteredCommandAndMenuMatches()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(303, "/help"));

        var menu = Api.MenuOf("all_private_chats");
        Assert.Contains("ask", menu);
        Assert.All(menu, name => Assert.Contains($"• /{name}", reply.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Routine_InPrivateChat_SendsRoutineWithDoneButton()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(304, "/routine hips"));

        Assert.True(reply.Ok, reply.Description);
        var button = reply.Body["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal("done", button["callback_data"]!.ToString());
        Assert.Contains("• ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_FromGroupMember_IsRefused()
    {
        Api.Members[(-100_305, 305)] = "member";

        var reply = await ExchangeAsync(Updates.GroupMessage(-100_305, 305, "/subscribe 07:30"));

        Assert.Contains("Only an admin of this chat", reply.Text, StringComparison.Ordinal);
        Assert.Null(await Bot.Get<ISubscriptionStore>().FindAsync(new ChatAddress("telegram", "-100305"), CancellationToken.None));
    }

    [Fact]
    public async Task SubscribeAndUnsubscribe_FromGroupAdmin_AreAllowed()
    {
        Api.Members[(-100_306, 306)] = "administrator";
        var chat = new ChatAddress("telegram", "-100306");

        var subscribed = await ExchangeAsync(Updates.GroupMessage(-100_306, 306, $"/subscribe@{Updates.BotUserName} 07:30 hips"));
        var stored = await Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None);
        var unsubscribed = await ExchangeAsync(Updates.GroupMessage(-100_306, 306, "/unsubscribe"));

        Assert.Contains("Subscribed: a hips-focused routine in this chat every day at 07:30.", subscribed.Text, StringComparison.Ordinal);
        Assert.NotNull(stored);
        Assert.True(unsubscribed.Ok);
        Assert.Null(await Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None));
    }

    [Fact]
    public async Task Subscribe_InPrivateChat_PostsRoutineAtTheTimeThroughTelegram()
    {
        await ExchangeAsync(Updates.PrivateMessage(307, "/subscribe 07:05"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the scheduled post", idleStep: TimeSpan.FromSeconds(30));

        var post = Api.Sent[1];
        Assert.Equal(307, post.ChatId);
        Assert.True(post.At >= new DateTimeOffset(2026, 3, 2, 7, 5, 0, TimeSpan.Zero));
        Assert.Equal("done", post.Body["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.ToString());
    }

    [Fact]
    public async Task ScheduledPost_ToGroup_IsSilentWhileRepliesNotify()
    {
        Api.Members[(-100_320, 320)] = "administrator";
        var reply = await ExchangeAsync(Updates.GroupMessage(-100_320, 320, $"/subscribe@{Updates.BotUserName} 07:05"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the scheduled post", idleStep: TimeSpan.FromSeconds(30));

        Assert.Null(reply.Body["disable_notification"]);
        Assert.Equal("true", Api.Sent[1].Body["disable_notification"]!.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task Migration_ServiceMessage_MovesSubscriptionAndLeaderboardToTheSupergroup()
    {
        const long Group = -330;
        const long Supergroup = -1_000_000_330;
        Api.Members[(Group, 330)] = "administrator";
        await ExchangeAsync(Updates.GroupMessage(Group, 330, $"/subscribe@{Updates.BotUserName} 09:00"));
        await ExchangeAsync(Updates.GroupMessage(Group, 331, "/done", firstName: "Cleo"));

        Api.Enqueue(Updates.MigrateTo(Group, Supergroup));
        Api.Enqueue(Updates.MigrateFrom(Supergroup, Group));
        var store = Bot.Get<ISubscriptionStore>();
        await Bot.WaitUntilAsync(
            () => store.FindAsync(new ChatAddress("telegram", "-1000000330"), CancellationToken.None).GetAwaiter().GetResult() is not null && Api.Unconfirmed == 0,
            "the subscription at the supergroup");
        var leaderboard = await ExchangeAsync(Updates.GroupMessage(Supergroup, 332, "/leaderboard", firstName: "Dev"));

        Assert.Null(await store.FindAsync(new ChatAddress("telegram", "-330"), CancellationToken.None));
        Assert.Contains("Cleo", leaderboard.Text, StringComparison.Ordinal);
        Assert.Equal(3, Api.Sent.Count); // the two answers and the leaderboard: service messages are not answered
    }

    [Fact]
    public async Task ScheduledPost_ToGroupThatBecameSupergroup_IsResentThereOnceAndTheSubscriptionMoves()
    {
        const long Group = -333;
        const long Supergroup = -1_000_000_333;
        Api.Members[(Group, 333)] = "administrator";
        await ExchangeAsync(Updates.GroupMessage(Group, 333, $"/subscribe@{Updates.BotUserName} 07:05"));
        Api.MigratedChats[Group] = Supergroup;

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the post at the supergroup", idleStep: TimeSpan.FromSeconds(30));
        var store = Bot.Get<ISubscriptionStore>();
        await Bot.WaitUntilAsync(
            () => store.FindAsync(new ChatAddress("telegram", "-1000000333"), CancellationToken.None).GetAwaiter().GetResult() is { Enabled: true }
                && store.FindAsync(new ChatAddress("telegram", "-333"), CancellationToken.None).GetAwaiter().GetResult() is null,
            "the subscription moved");

        Assert.Equal(Supergroup, Api.Sent[1].ChatId);
        Assert.Single(Api.Calls, c => c.Method == "sendMessage" && c.Status == 400);
    }

    [Fact]
    public async Task MyChatMember_BotRemovedFromGroup_DisablesItsSubscriptionAtOnce()
    {
        Api.Members[(-100_321, 321)] = "administrator";
        var chat = new ChatAddress("telegram", "-100321");
        await ExchangeAsync(Updates.GroupMessage(-100_321, 321, $"/subscribe@{Updates.BotUserName} 09:00"));

        Api.Enqueue(Updates.MyChatMember(Updates.GroupChat(-100_321), 321, "member", "kicked"));
        await Bot.WaitUntilAsync(
            () => Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None).GetAwaiter().GetResult() is { Enabled: false },
            "the subscription to be disabled");

        var stored = await Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None);
        Assert.Equal("the bot was removed from the chat (kicked)", stored!.DisabledReason);
        Assert.Single(Api.Sent); // only the answer to /subscribe: nothing is sent to a chat the bot has left
    }

    [Fact]
    public async Task MyChatMember_PersonBlocksTheBot_StopsTheirPosts()
    {
        var chat = new ChatAddress("telegram", "322");
        await ExchangeAsync(Updates.PrivateMessage(322, "/subscribe 09:00"));

        Api.Enqueue(Updates.MyChatMember(Updates.PrivateChat(322), 322, "member", "kicked"));
        await Bot.WaitUntilAsync(
            () => Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None).GetAwaiter().GetResult() is { Enabled: false },
            "the subscription to be disabled");

        Assert.Equal("the person blocked the bot", (await Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None))!.DisabledReason);
    }

    [Fact]
    public async Task MyChatMember_BotAddedToGroup_GreetsBrieflyWithWhatItDoes()
    {
        var greeting = await ExchangeAsync(Updates.MyChatMember(Updates.GroupChat(-100_323), 323, "left", "member"));

        Assert.Equal(-100_323, greeting.ChatId);
        Assert.StartsWith("<b>Hi, I'm ChatCoach</b>", greeting.Text, StringComparison.Ordinal);
        Assert.Contains("not medical advice", greeting.Text, StringComparison.Ordinal);
        Assert.Contains($"/help@{Updates.BotUserName}", greeting.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyChatMember_BotAddedToGroupByAChineseAdmin_GreetsInChinese()
    {
        var added = Updates.MyChatMember(Updates.GroupChat(-100_324), 324, "left", "member");
        added["my_chat_member"]!["from"]!["language_code"] = "zh-hans";

        var greeting = await ExchangeAsync(added);

        Assert.StartsWith("<b>你好，我是 ChatCoach</b>", greeting.Text, StringComparison.Ordinal);
        Assert.Contains("不是医疗建议", greeting.Text, StringComparison.Ordinal);
        Assert.Contains($"发 /help@{Updates.BotUserName} 看看我能做什么", greeting.Text, StringComparison.Ordinal);
        Assert.Contains($"/subscribe@{Updates.BotUserName}", greeting.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledPost_ToUserWhoBlockedTheBot_DisablesTheSubscription()
    {
        await ExchangeAsync(Updates.PrivateMessage(308, "/subscribe 07:05"));
        Api.BlockedChats[308] = true;

        var store = Bot.Get<ISubscriptionStore>();
        var chat = new ChatAddress("telegram", "308");
        await Bot.WaitUntilAsync(
            () => store.FindAsync(chat, CancellationToken.None).GetAwaiter().GetResult() is { Enabled: false },
            "the subscription to be disabled",
            idleStep: TimeSpan.FromSeconds(30));

        Assert.Contains(Api.Calls, c => c.Method == "sendMessage" && c.Status == 403);
        Assert.Contains(Bot.Logs.Entries, e => e.Message.Contains("Telegram chat 308 can no longer be posted to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DoneButton_UnderRoutinePressedTwice_CountsOnceAndSharesOnlyTheFirst()
    {
        var chat = Updates.GroupChat(-100_310);
        Api.Enqueue(Updates.Callback(chat, 310, "done", firstName: "Ana"));
        Api.Enqueue(Updates.Callback(chat, 310, "done", firstName: "Ana"));

        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 2 && Api.Sent.Count == 1, "two toasts and one post");

        var toasts = Api.Calls.Where(c => c.Method == "answerCallbackQuery").Select(c => c.Body["text"]?.ToString()).ToList();
        Assert.Equal("Day 1 🔥", toasts[0]);
        Assert.Equal("Already counted — day 1 🔥", toasts[1]);
        // Shared with the group, naming the person: never an anonymous "you're on day 1" for everyone.
        Assert.StartsWith("<b>Ana — Day 1 🔥</b>", Api.Sent[0].Text, StringComparison.Ordinal);

        // No admin lookup for a button: the answer to the press is the first call Telegram gets.
        Assert.Equal(0, Api.CountOf("getChatMember"));
        var streak = await ExchangeAsync(Updates.PrivateMessage(310, "/streak"));
        Assert.Contains("<b>Your streak</b>", streak.Text, StringComparison.Ordinal);
        Assert.Contains("• Total: 1 day", streak.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_Command_CountsTheDay()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(311, "/done"));

        Assert.StartsWith("<b>Day 1 🔥</b>", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streak_WithNoDays_ExplainsHowToStart()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(312, "/streak"));

        Assert.Contains("No days yet.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeZone_WithZone_IsSaved()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(313, "/timezone Europe/London"));

        Assert.StartsWith("<b>Time zone set</b>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Europe/London", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeZone_WithNonsense_ExplainsError()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(314, "/timezone <b>Mars</b>"));

        Assert.True(reply.Ok, reply.Description);
        Assert.StartsWith("<b>That didn't work</b>", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaderboard_InGroup_ListsPeopleWhoPressedDone()
    {
        await ExchangeAsync(Updates.GroupMessage(-100_315, 315, "/done", firstName: "Ana <3"));

        var reply = await ExchangeAsync(Updates.GroupMessage(-100_315, 316, "/leaderboard", firstName: "Ben"));

        Assert.Contains("<b>Leaderboard", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Ana &lt;3", reply.Text, StringComparison.Ordinal);
    }

    private async Task<RecordedCall> ExchangeAsync(System.Text.Json.Nodes.JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }

    private static string TelegramRenderer(string text) => ChatCoach.Telegram.Rendering.TelegramRenderer.Escape(text);
}

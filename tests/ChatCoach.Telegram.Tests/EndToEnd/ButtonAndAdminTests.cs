using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;

namespace ChatCoach.Telegram.Tests.EndToEnd;

public sealed class ButtonAndAdminTests : TelegramTestBase
{
    private const long Group = -100_777;

    [Fact]
    public async Task Card_WithButtons_SendsInlineKeyboardWithoutOverlongCallbackData()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(60, "/card"));

        var keyboard = reply.Body["reply_markup"]!["inline_keyboard"]!.AsArray();
        var button = Assert.Single(keyboard.SelectMany(row => row!.AsArray()));
        Assert.Equal("Done ✅", button!["text"]!.ToString());
        Assert.Equal("tick", button["callback_data"]!.ToString());
        Assert.Contains("• Clamshells 2×15", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoneButton_PressedTwice_CountsOnceToastsTwicePostsOnce()
    {
        var chat = Updates.GroupChat(Group);
        Api.Enqueue(Updates.Callback(chat, 61, "tick"));
        Api.Enqueue(Updates.Callback(chat, 61, "tick"));

        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 2 && Api.Sent.Count == 1, "two callback answers and one post");

        var toasts = Api.Calls.Where(c => c.Method == "answerCallbackQuery").Select(c => c.Body["text"]?.ToString()).ToList();
        Assert.Equal(["Day 5 🔥", "Already counted today — Day 5 🔥"], toasts);
        Assert.Equal(1, Bot.Get<TickHandler>().Completions);
        Assert.StartsWith("<b>Ana — Nice work</b>", Api.Sent[0].Text, StringComparison.Ordinal); // in a group the post names the person
        Assert.Equal(Group, Api.Sent[0].ChatId);
    }

    [Fact]
    public async Task Button_WithPlainReply_AnswersCallbackAndPostsInChat()
    {
        Api.Enqueue(Updates.Callback(Updates.PrivateChat(62), 62, "echo:again"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1 && Api.CountOf("answerCallbackQuery") == 1, "the answer and the reply");

        Assert.Null(Api.Calls.Single(c => c.Method == "answerCallbackQuery").Body["text"]);
        Assert.StartsWith("<b>again</b>", Api.Sent[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Button_WithUnknownAction_ShowsAlert()
    {
        Api.Enqueue(Updates.Callback(Updates.PrivateChat(63), 63, "vanished"));

        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1, "the callback answer");

        var answer = Api.Calls.Single(c => c.Method == "answerCallbackQuery").Body;
        Assert.Contains("I don't know the command", answer["text"]!.ToString(), StringComparison.Ordinal);
        Assert.True(answer["show_alert"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AdminCommand_FromGroupMember_IsRefused()
    {
        Api.Members[(Group, 70)] = "member";
        var update = Updates.GroupMessage(Group, 70, "/guarded");

        var reply = await ExchangeAsync(update);

        // A private reply has no Telegram equivalent in a group: it is posted quoting the person's message.
        Assert.Contains("Only group admins can do that.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(update["message"]!["message_id"]!.GetValue<int>(), reply.Body["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Equal(1, Api.CountOf("getChatMember"));
    }

    [Theory]
    [InlineData("administrator")]
    [InlineData("creator")]
    public async Task AdminCommand_FromGroupAdministrator_IsAllowed(string status)
    {
        Api.Members[(Group, 71)] = status;

        var reply = await ExchangeAsync(Updates.GroupMessage(Group, 71, $"/guarded@{Updates.BotUserName}"));

        Assert.StartsWith("<b>Allowed</b>", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCommand_FromAnonymousGroupAdmin_IsAllowedWithoutLookup()
    {
        var update = Updates.GroupMessage(Group, 1_087_968_824, "/guarded", firstName: "Group");
        update["message"]!["from"] = Updates.User(1_087_968_824, "Group", "GroupAnonymousBot", isBot: true);
        update["message"]!["sender_chat"] = Updates.GroupChat(Group);

        var reply = await ExchangeAsync(update);

        Assert.Equal("<b>Allowed</b>\n\nKnee Club may change this chat.", reply.Text);
        Assert.Equal(0, Api.CountOf("getChatMember"));
    }

    [Fact]
    public async Task AdminCommand_InPrivateChat_IsAllowedWithoutLookup()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(72, "/guarded"));

        Assert.StartsWith("<b>Allowed</b>", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, Api.CountOf("getChatMember"));
    }

    [Fact]
    public async Task AdminCheck_RepeatedCommands_UsesCacheUntilItExpires()
    {
        Api.Members[(Group, 73)] = "member";
        await ExchangeAsync(Updates.GroupMessage(Group, 73, "/guarded"));
        Api.Members[(Group, 73)] = "administrator";

        var cached = await ExchangeAsync(Updates.GroupMessage(Group, 73, "/guarded"));
        Time.Advance(TimeSpan.FromMinutes(3));
        var fresh = await ExchangeAsync(Updates.GroupMessage(Group, 73, "/guarded"));

        Assert.Contains("Only group admins", cached.Text, StringComparison.Ordinal);
        Assert.StartsWith("<b>Allowed</b>", fresh.Text, StringComparison.Ordinal);
        Assert.Equal(2, Api.CountOf("getChatMember"));
    }

    [Fact]
    public async Task AdminCheck_WhenGetChatMemberFails_TreatsSenderAsMember()
    {
        Api.Members[(Group, 74)] = "creator";
        Api.FailNext("getChatMember", Fault.ServerError);

        var reply = await ExchangeAsync(Updates.GroupMessage(Group, 74, "/guarded"));

        Assert.Contains("Only group admins", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Entries, e => e.Message.StartsWith("Telegram getChatMember failed", StringComparison.Ordinal));
    }
}

using System.Text.Json.Nodes;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;

namespace ChatCoach.Telegram.Tests.EndToEnd;

public sealed class CommandTests : TelegramTestBase
{
    private const long Group = -100_123_456;

    [Fact]
    public async Task Help_InPrivateChat_RepliesWithCommandListInHtml()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(42, "/help"));

        Assert.Equal(42, reply.ChatId);
        Assert.Equal("html", reply.Body["parse_mode"]?.ToString(), ignoreCase: true);
        Assert.StartsWith("<b>ChatCoach — help</b>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• /echo &lt;text&gt; — Repeats the text", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Body["reply_parameters"]);
    }

    [Fact]
    public async Task Start_InPrivateChat_RepliesWithHelp()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(43, "/start"));

        Assert.Contains("ChatCoach — help", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Ask me about knee pain in your own words", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AtStartUp_RegistersCommandMenuAndDeletesWebhook()
    {
        var commands = Api.Calls.Single(c => c.Method == "setMyCommands" && c.Body["language_code"] is null).Body["commands"]!.AsArray();

        Assert.Equal(1, Api.CountOf("deleteWebhook"));
        Assert.Equal(1, Api.CountOf("getMe"));
        Assert.Contains(commands, c => c!["command"]!.ToString() == "help" && c["description"]!.ToString() == "What I can do and how to ask");
        Assert.Contains(commands, c => c!["command"]!.ToString() == "ask");
        Assert.DoesNotContain(commands, c => c!["command"]!.ToString() == "start");
        Assert.True(Api.Calls.Single(c => c.Method == "setMyCommands" && c.Body["language_code"] is null).Ok);
    }

    [Fact]
    public async Task Help_AddressedToAnotherBotInGroup_IsIgnored()
    {
        Api.Enqueue(Updates.GroupMessage(Group, 7, "/help@OtherBot"));
        var reply = await ExchangeAsync(Updates.GroupMessage(Group, 7, "/echo after"));

        Assert.Single(Api.Sent);
        Assert.StartsWith("<b>after</b>", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_AddressedToThisBotInGroup_RepliesQuotingTheMessage()
    {
        var update = Updates.GroupMessage(Group, 7, $"/help@{Updates.BotUserName}");
        var messageId = update["message"]!["message_id"]!.GetValue<int>();

        var reply = await ExchangeAsync(update);

        Assert.Equal(Group, reply.ChatId);
        Assert.Contains("Mention me with a question", reply.Text, StringComparison.Ordinal);
        Assert.Equal(messageId, reply.Body["reply_parameters"]!["message_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task PlainText_InGroupWithoutMention_IsIgnoredWithoutApiCalls()
    {
        Api.Enqueue(Updates.GroupMessage(Group, 8, "my knee hurts after long runs"));
        await ExchangeAsync(Updates.GroupMessage(Group, 8, "/echo marker"));

        Assert.Single(Api.Sent);
        Assert.Equal(1, Api.CountOf("getChatMember")); // for /echo only, never for the chatter
    }

    [Fact]
    public async Task PlainText_InPrivateChat_IsAnsweredAsQuestion()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(44, "why does my knee hurt on stairs?"));

        Assert.Contains("You asked: why does my knee hurt on stairs?", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_InGroup_IsAnsweredWithMentionStripped()
    {
        var reply = await ExchangeAsync(Updates.Mention(Group, 9, "hey ", " is ice or heat better?"));

        Assert.Contains("You asked: hey is ice or heat better?", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@" + Updates.BotUserName, reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Mention_AtStartOfMessage_IsStripped()
    {
        var reply = await ExchangeAsync(Updates.Mention(Group, 9, "", ", should I run through knee pain?"));

        Assert.Contains("You asked: should I run through knee pain?", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyToBot_InGroup_IsAnsweredAsQuestion()
    {
        var reply = await ExchangeAsync(Updates.ReplyToBot(Group, 10, "and what about cycling?"));

        Assert.Contains("You asked: and what about cycling?", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedMessage_IsIgnored()
    {
        Api.Enqueue(Updates.Edited(45, "/echo edited"));
        var reply = await ExchangeAsync(Updates.PrivateMessage(45, "/echo fresh"));

        Assert.Single(Api.Sent);
        Assert.Contains("fresh", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageFromAnotherBot_IsIgnored()
    {
        var fromBot = Updates.GroupMessage(Group, 11, $"/echo@{Updates.BotUserName} loop");
        fromBot["message"]!["from"] = Updates.User(11, "Spam", "spambot", isBot: true);
        Api.Enqueue(fromBot);
        await ExchangeAsync(Updates.GroupMessage(Group, 12, "/echo human"));

        Assert.Single(Api.Sent);
    }

    [Fact]
    public async Task UnknownCommand_InPrivateChat_ExplainsAndPointsToHelp()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(46, "/frobnicate"));

        Assert.Contains("I don't know the command \"frobnicate\"", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/help", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_OfOneChat_AreHandledAndAnsweredInOrder()
    {
        for (var i = 0; i < 12; i++)
        {
            Api.Enqueue(Updates.PrivateMessage(47, $"/seen {i}"));
            Api.Enqueue(Updates.PrivateMessage(1000 + i, $"/seen other {i}"));
        }

        await Bot.WaitUntilAsync(() => Api.Sent.Count == 24, "24 replies");

        var seen = Bot.Get<SeenHandler>().Messages.Where(m => m.ChatId == "47").Select(m => m.Text).ToList();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"/seen {i}"), seen);
        var replies = Api.Sent.Where(c => c.ChatId == 47).Select(c => c.Text).ToList();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"<b>Seen</b>\n\n{i}"), replies);
        var times = Api.Sent.Where(c => c.ChatId == 47).Select(c => c.At).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task InboundMessage_FromTelegram_CarriesIdentityAndFlags()
    {
        await ExchangeAsync(Updates.PrivateMessage(48, "/seen me", firstName: "Zoë"));
        await ExchangeAsync(Updates.GroupMessage(Group, 49, "/seen us", firstName: "Yan"));

        var messages = Bot.Get<SeenHandler>().Messages.ToList();
        var direct = messages.Single(m => m.UserId == "48");
        Assert.Equal(("telegram", "48", "Zoë", true, true, Updates.BotUserName), (direct.Platform, direct.ChatId, direct.UserDisplayName, direct.IsDirect, direct.IsAdmin, direct.BotUserName));
        var group = messages.Single(m => m.UserId == "49");
        Assert.Equal((Group.ToString(System.Globalization.CultureInfo.InvariantCulture), false, false), (group.ChatId, group.IsDirect, group.IsAdmin));
    }

    [Fact]
    public async Task Reply_ToMessageInForumTopic_GoesToTheSameTopic()
    {
        var reply = await ExchangeAsync(Updates.TopicMessage(-100_190, 77, 190, $"/echo@{Updates.BotUserName} in a topic"));

        Assert.Equal(-100_190, reply.ChatId);
        Assert.Equal(77, BotApiDouble.AsLong(reply.Body["message_thread_id"]!));
    }

    [Fact]
    public async Task Update_AfterHandling_IsConfirmedAndOffsetSaved()
    {
        var id = Api.Enqueue(Updates.PrivateMessage(50, "/echo one"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply");
        await Bot.WaitUntilAsync(() => Api.Calls.Any(c => c.Method == "getUpdates" && BotApiDouble.AsLong(c.Body["offset"]!) == id + 1), "the confirming poll");

        // The offset is saved just after the update is marked handled, so the confirming poll can overtake the save.
        var store = Bot.Get<ChatCoach.Core.Storage.IAdapterStateStore>();
        var expected = $"2|{Updates.BotId}|{Api.BaseUrl}|{id + 1}|{id}|";
        await Bot.WaitUntilAsync(() => store.GetAsync("telegram:offset", CancellationToken.None).GetAwaiter().GetResult() == expected, "the saved offset");
        Assert.Equal(expected, await store.GetAsync("telegram:offset", CancellationToken.None));
        Assert.Equal(0, Api.Unconfirmed);
    }

    [Fact]
    public async Task Echo_OfHostileInput_IsAcceptedByTelegramsParserEveryTime()
    {
        var hostile = new[]
        {
            "<b>not bold</b>",
            "salt & pepper &amp; &#x26;",
            "unmatched <i> and </b>",
            "🏃‍♀️ knee 🦵 pain 🔥",
            "הברך כואבת <u>",
            "\u202Ereversed\u202C & <x>",
            string.Join(' ', Enumerable.Repeat("<knee&ache>", 1000)),
        };
        foreach (var text in hostile)
        {
            Api.Enqueue(Updates.PrivateMessage(52, "/echo " + text));
        }

        Api.Enqueue(Updates.PrivateMessage(53, "/echo " + new string('&', 10_000)));
        Api.Enqueue(Updates.PrivateMessage(52, "/echo END"));
        Api.Enqueue(Updates.PrivateMessage(53, "/echo END"));

        await Bot.WaitUntilAsync(() => Api.Sent.Count(c => c.Text.StartsWith("<b>END</b>", StringComparison.Ordinal)) == 2, "both END markers");

        var calls = Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.All(calls, c => Assert.True(c.Ok, c.Description));
        var visible = calls.Where(c => c.ChatId == 52).Select(c => TelegramHtml.Parse(c.Text).Text!).ToList();
        Assert.StartsWith("<b>not bold</b>\n\n<b>not bold</b>", visible[0], StringComparison.Ordinal);
        Assert.Contains(visible, v => v.StartsWith("salt & pepper &amp; &#x26;", StringComparison.Ordinal));
        Assert.Contains(visible, v => v.Contains("🏃‍♀️ knee 🦵 pain 🔥", StringComparison.Ordinal));
        // Paragraph and list item in full, plus the 8 whole ones in the 100-character title.
        Assert.Equal((2 * 1000) + 8, visible.Sum(v => CountOf(v, "<knee&ache>")));

        // Title (first 100 characters), paragraph and list item: every ampersand arrives.
        var ampersands = calls.Where(c => c.ChatId == 53).Sum(c => TelegramHtml.Parse(c.Text).Text!.Count(ch => ch == '&'));
        Assert.Equal(100 + 10_000 + 10_000, ampersands);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task ReceiveError_FromGetUpdates_IsLoggedAndPollingResumes()
    {
        Api.FailNext("getUpdates", Fault.ServerError);
        Api.FailNext("getUpdates", Fault.DropConnection);

        var reply = await ExchangeAsync(Updates.PrivateMessage(51, "/echo still here"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 1, "the reply", idleStep: TimeSpan.FromSeconds(1));

        Assert.Contains("still here", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Entries, e => e.Message.StartsWith("Telegram receive error (getUpdates): 500", StringComparison.Ordinal));
        Assert.DoesNotContain(Bot.Logs.Entries, e => e.Everything.Contains(BotApiDouble.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(Bot.Logs.Entries, e => e.Everything.Contains(BotApiDouble.Token.Split(':')[1], StringComparison.Ordinal));
    }
}

using System.Text.Json.Nodes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Telegram.Tests.EndToEnd;

/// <summary>Forum topics and channels with the real handlers over LiteDB: where answers and daily posts land.</summary>
public sealed class TopicAndChannelTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));

    public TopicAndChannelTests() => Api = new BotApiDouble(_time);

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
    public async Task Subscribe_InForumTopic_DailyPostLandsInThatTopic()
    {
        Api.Members[(-100_500, 500)] = "administrator";

        var reply = await ExchangeAsync(Updates.TopicMessage(-100_500, 42, 500, $"/subscribe@{Updates.BotUserName} 07:05"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the scheduled post", idleStep: TimeSpan.FromSeconds(30));

        var stored = await Bot.Get<ISubscriptionStore>().FindAsync(new ChatAddress("telegram", "-100500"), CancellationToken.None);
        Assert.Equal("42", stored!.Chat.ThreadId);
        Assert.Equal(42, BotApiDouble.AsLong(reply.Body["message_thread_id"]!));
        var post = Api.Sent[1];
        Assert.Equal((-100_500L, 42L), (post.ChatId, BotApiDouble.AsLong(post.Body["message_thread_id"]!)));
        Assert.Contains("Done", post.Body["reply_markup"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_InGeneralTopic_DailyPostHasNoThread()
    {
        Api.Members[(-100_501, 501)] = "administrator";

        await ExchangeAsync(Updates.GroupMessage(-100_501, 501, $"/subscribe@{Updates.BotUserName} 07:05"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the scheduled post", idleStep: TimeSpan.FromSeconds(30));

        Assert.Null(Api.Sent[1].Body["message_thread_id"]);
    }

    [Fact]
    public async Task Reply_QuotingADeletedMessageInATopic_IsResentWithoutTheQuoteInTheSameTopic()
    {
        var update = Updates.TopicMessage(-100_502, 77, 502, $"/help@{Updates.BotUserName}");
        Api.DeletedMessages[(-100_502, update["message"]!["message_id"]!.GetValue<int>())] = true;

        var reply = await ExchangeAsync(update);

        var sends = Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.Equal(2, sends.Count);
        Assert.Equal((400, "Bad Request: message to be replied not found"), (sends[0].Status, sends[0].Description));
        Assert.NotNull(sends[0].Body["reply_parameters"]);
        Assert.True(reply.Ok);
        Assert.Null(reply.Body["reply_parameters"]);
        Assert.Equal(77, BotApiDouble.AsLong(reply.Body["message_thread_id"]!));
    }

    [Fact]
    public async Task Reply_QuotingADeletedMessageInAGroup_IsSentWithoutTheQuoteAtOnce()
    {
        var update = Updates.GroupMessage(-100_503, 503, $"/help@{Updates.BotUserName}");
        Api.DeletedMessages[(-100_503, update["message"]!["message_id"]!.GetValue<int>())] = true;

        var reply = await ExchangeAsync(update);

        Assert.Equal(1, Api.CountOf("sendMessage"));
        Assert.True(reply.Ok);
    }

    [Fact]
    public async Task Subscribe_PostedInAChannelWhereTheBotMayPost_SubscribesTheChannelAndPostsThere()
    {
        Api.Channels[-100_600] = true;

        var reply = await ExchangeAsync(Updates.ChannelPost(-100_600, "/subscribe 07:05"));
        await Bot.WaitUntilAsync(() => Api.Sent.Count == 2, "the scheduled post", idleStep: TimeSpan.FromSeconds(30));

        Assert.Contains("Subscribed", reply.Text, StringComparison.Ordinal);
        var stored = await Bot.Get<ISubscriptionStore>().FindAsync(new ChatAddress("telegram", "-100600"), CancellationToken.None);
        Assert.Equal(new PersonKey("telegram", "-100600"), stored!.CreatedBy);
        Assert.Equal(-100_600, Api.Sent[1].ChatId);
        Assert.Equal("true", Api.Sent[1].Body["disable_notification"]!.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task Subscribe_InAChannelWhereTheBotMayNotPost_IsIgnoredAndLogged()
    {
        Api.Channels[-100_601] = false;

        Api.Enqueue(Updates.ChannelPost(-100_601, $"/subscribe@{Updates.BotUserName}"));
        await Bot.WaitUntilAsync(() => Bot.Logs.Entries.Any(e => e.Message.Contains("may not post there", StringComparison.Ordinal)), "the warning");

        Assert.Equal(0, Api.CountOf("sendMessage"));
        Assert.Null(await Bot.Get<ISubscriptionStore>().FindAsync(new ChatAddress("telegram", "-100601"), CancellationToken.None));
    }

    [Fact]
    public async Task ChannelPost_OrdinaryText_IsIgnoredWithoutACall()
    {
        Api.Channels[-100_602] = true;

        Api.Enqueue(Updates.ChannelPost(-100_602, "Today's run: 5 km easy"));
        await ExchangeAsync(Updates.ChannelPost(-100_602, "/help"));

        Assert.Equal(1, Api.CountOf("sendMessage"));
        Assert.Equal(1, Api.CountOf("getChatMember")); // the bot's own right to post, for the command only
    }

    [Fact]
    public async Task DonePress_UnderAChannelPost_IsAToastForThePresserOnly()
    {
        Api.Channels[-100_603] = true;

        Api.Enqueue(Updates.Callback(Updates.ChannelChat(-100_603), 603, "done"));
        await Bot.WaitUntilAsync(() => Api.CountOf("answerCallbackQuery") == 1, "the toast");

        Assert.Equal("Day 1 🔥", Api.Calls.Single(c => c.Method == "answerCallbackQuery").Body["text"]!.ToString());
        Assert.Equal(0, Api.CountOf("sendMessage"));
        Assert.Single(await Bot.Get<ICompletionStore>().GetAllDatesAsync(new PersonKey("telegram", "603"), CancellationToken.None));
    }

    private async Task<RecordedCall> ExchangeAsync(JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before && Bot.Outbox.Snapshot().InFlight == 0, "a reply");
        return Api.Sent[before];
    }
}

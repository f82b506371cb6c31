using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Telegram.Tests.BotApi;
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
    public async Task Help_ListsEveryRegisteredCommandAndMenuMatches()
    {
        var reply = await ExchangeAsync(Updates.PrivateMessage(303, "/help"));

        var menu = Api.Calls.Single(c => c.Method == "setMyCommands").Body["commands"]!.AsArray().Select(c => c!["command"]!.ToString()).ToList();
        Assert.Contains("ask", menu);
        Assert.All(menu, name => Assert.Contains($"• /{name}", reply.Text, StringComparison.Ordinal));
    }

    private async Task<RecordedCall> ExchangeAsync(System.Text.Json.Nodes.JsonObject update)
    {
        var before = Api.Sent.Count;
        Api.Enqueue(update);
        await Bot.WaitUntilAsync(() => Api.Sent.Count > before, "a reply");
        return Api.Sent[before];
    }

    private static string TelegramRenderer(string text) => ChatCoach.Telegram.Rendering.TelegramRenderer.Escape(text);
}

using System.Globalization;
using System.Text.Json.Nodes;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>
/// A person whose Discord is in Chinese (interaction <c>locale: "zh-CN"</c>), through our client, the Discord double and
/// the host's handlers over LiteDB: question, routine, Done, streak, subscribe in a channel and the scheduled post in
/// Chinese on fake time, and the Chinese localizations of every command, option and choice as registered.
/// </summary>
public sealed class ChineseConversationTests : IAsyncLifetime
{
    private const string Locale = "zh-CN";

    private readonly FakeTimeProvider _time = new(ChineseConversation.Start);
    private RealBot _real = null!;

    private DiscordDouble Double => _real.Discord;

    private BotHost Bot => _real.Bot;

    public async Task InitializeAsync() => _real = await RealBot.StartAsync(
        _time,
        b =>
        {
            b.AddAdviceEngine();
            b.AddRoutines();
            b.AddStreaks();
        },
        s => s["Scheduler:PollInterval"] = "00:00:01");

    public async Task DisposeAsync() => await _real.DisposeAsync();

    [Fact]
    public async Task Conversation_ChineseDiscord_EveryReplyAndTheChannelPostInChinese()
    {
        var answer = Description(await Command("ask", [("question", ChineseConversation.Question)]));
        Assert.Contains(ChineseConversation.AnswerTopic, answer, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.Source, answer, StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.MedicalNotice, answer, StringComparison.Ordinal);

        var routine = await Command("routine", [("focus", "hips")]);
        Assert.Equal(ChineseConversation.HipsRoutineTitle, routine["data"]!["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Contains(ChineseConversation.CompactPostPrompt, Description(routine), StringComparison.Ordinal);
        Assert.Equal([ChineseConversation.DoneButton, ChineseConversation.HowToButton], Buttons(routine).Select(b => b["label"]!.GetValue<string>()));

        var done = await Press(Buttons(routine).Single(b => b["custom_id"]!.GetValue<string>() == "done")["custom_id"]!.GetValue<string>());
        Assert.Equal(64, done["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(ChineseConversation.DayOne, done["data"]!["content"]!.GetValue<string>());

        var streak = await Command("streak", []);
        Assert.Contains(ChineseConversation.StreakDayOne, Description(streak), StringComparison.Ordinal);

        var subscribed = await Command("subscribe", [("time", "07:05")], DiscordEvents.ManageChannels);
        Assert.Contains(ChineseConversation.Subscribed("07:05"), Description(subscribed), StringComparison.Ordinal);
        var chat = new ChatAddress("discord", DiscordEvents.ChannelId, DiscordEvents.GuildId);
        Assert.Equal("zh", (await Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None))?.Language);

        var posts = $"^/channels/{DiscordEvents.ChannelId}/messages$";
        await Bot.AdvanceUntilAsync(() => Double.Rest.Where("POST", posts).Any(p => p.Status == 200), TimeSpan.FromSeconds(5), "the scheduled post", limit: TimeSpan.FromMinutes(10));
        var post = Double.Rest.Where("POST", posts).Single(p => p.Status == 200).Body!;
        Assert.StartsWith(ChineseConversation.RoutineTitle, post["embeds"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(ChineseConversation.CompactPostPrompt, post["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ChineseConversation.DoneButton, Buttons(post)[0]["label"]!.GetValue<string>());
        Assert.Equal(0, Double.Rest.InvalidBodies);
    }

    [Fact]
    public async Task Registration_EveryCommandOptionAndChoice_HasChineseLocalizations_AcceptedByTheDouble()
    {
        var registered = Double.Rest.Where("PUT", "/commands$");

        Assert.All(registered, r => Assert.Equal(200, r.Status));
        var commands = registered[^1].Body!.AsArray().Select(c => c!).ToList();
        Assert.Contains(commands, c => c["name"]!.GetValue<string>() == "subscribe");
        foreach (var command in commands)
        {
            var name = command["name"]!.GetValue<string>();
            Assert.True(Chinese(command["description_localizations"]), $"/{name} has no Chinese description");
            foreach (var option in command["options"]?.AsArray() ?? [])
            {
                Assert.True(Chinese(option!["description_localizations"]), $"/{name} {option["name"]} has no Chinese description");
                foreach (var choice in option["choices"]?.AsArray() ?? [])
                {
                    Assert.True(Chinese(choice!["name_localizations"]), $"/{name} {option["name"]}: {choice["value"]} has no Chinese name");
                }
            }
        }

        var focus = commands.Single(c => c["name"]!.GetValue<string>() == "routine")["options"]![0]!["choices"]!.AsArray();
        Assert.Equal("髋部", focus.Single(c => c!["value"]!.GetValue<string>() == "hips")!["name_localizations"]![Locale]!.GetValue<string>());
        Assert.Equal(0, Double.Rest.InvalidBodies);
    }

    [Fact]
    public async Task Subscribe_ChineseDiscord_LanguageChoiceEnglish_PostsInEnglish()
    {
        var subscribed = await Command("subscribe", [("time", "07:05"), ("language", "en")], DiscordEvents.ManageChannels);

        Assert.Contains("Subscribed", Description(subscribed), StringComparison.Ordinal);
        var chat = new ChatAddress("discord", DiscordEvents.ChannelId, DiscordEvents.GuildId);
        Assert.Equal("en", (await Bot.Get<ISubscriptionStore>().FindAsync(chat, CancellationToken.None))?.Language);
    }

    // Both Chinese locales, each a non-empty text within Discord's limit of 100 characters.
    private static bool Chinese(JsonNode? localizations) =>
        localizations is JsonObject map
        && new[] { "zh-CN", "zh-TW" }.All(l => map[l]?.GetValue<string>() is { Length: > 0 and <= 100 });

    private async Task<JsonNode> Command(string name, IReadOnlyList<(string, string)> options, string permissions = DiscordEvents.OrdinaryMember) =>
        await Answer(DiscordEvents.SlashCommand(Double.ApplicationId, name, options, permissions: permissions));

    private async Task<JsonNode> Press(string customId) => await Answer(DiscordEvents.ButtonPress(Double.ApplicationId, customId));

    private async Task<JsonNode> Answer(JsonObject interaction)
    {
        interaction["locale"] = Locale;
        var callback = await Double.AnswerToAsync(interaction);
        Assert.Equal(204, callback.Status);
        return callback.Body!;
    }

    private static string Description(JsonNode callback) => callback["data"]!["embeds"]![0]!["description"]!.GetValue<string>();

    private static List<JsonNode> Buttons(JsonNode callbackOrMessage)
    {
        var message = callbackOrMessage["data"] ?? callbackOrMessage;
        return [.. (message["components"]?.AsArray() ?? []).SelectMany(row => row!["components"]!.AsArray()).Select(b => b!)];
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatCoach.Telegram.BotApi;

namespace ChatCoach.Telegram.Tests.BotApi;

/// <summary>The double must refuse what Telegram refuses, or the adapter tests would prove nothing.</summary>
public sealed class BotApiDoubleTests : IAsyncLifetime
{
    private BotApiDouble Api { get; } = new();

    private HttpClient Http { get; } = new();

    public Task InitializeAsync() => Api.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
    }

    [Theory]
    [InlineData("x", null, 200, null)]
    [InlineData("a < b", "HTML", 400, "Bad Request: can't parse entities: ")]
    [InlineData("a < b", null, 200, null)]
    [InlineData("<b>open", "HTML", 400, "Bad Request: can't parse entities: ")]
    [InlineData("LONG", null, 400, "Bad Request: message is too long")]
    public async Task SendMessage_Text_IsCheckedLikeTelegram(string text, string? parseMode, int status, string? description)
    {
        var body = new JsonObject { ["chat_id"] = 5, ["text"] = text == "LONG" ? new string('a', 4097) : text };
        if (parseMode is not null)
        {
            body["parse_mode"] = parseMode;
        }

        var (code, answer) = await PostAsync("sendMessage", body);

        Assert.Equal(status, code);
        Assert.Equal(status == 200, answer["ok"]!.GetValue<bool>());
        if (description is not null)
        {
            Assert.StartsWith(description, answer["description"]!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendMessage_CallbackDataOver64Bytes_IsRejected()
    {
        var keyboard = new JsonObject { ["inline_keyboard"] = new JsonArray(new JsonArray(new JsonObject { ["text"] = "x", ["callback_data"] = new string('é', 33) })) };

        var (code, answer) = await PostAsync("sendMessage", new JsonObject { ["chat_id"] = 5, ["text"] = "hi", ["reply_markup"] = keyboard });

        Assert.Equal(400, code);
        Assert.Equal("Bad Request: BUTTON_DATA_INVALID", answer["description"]!.ToString());
    }

    [Fact]
    public async Task TooManyRequests_CarriesRetryAfter()
    {
        Api.FailNext("sendMessage", Fault.TooManyRequests, retryAfter: 7);

        var (code, answer) = await PostAsync("sendMessage", new JsonObject { ["chat_id"] = 5, ["text"] = "hi" });

        Assert.Equal(429, code);
        Assert.Equal(7, answer["parameters"]!["retry_after"]!.GetValue<int>());
    }

    [Fact]
    public async Task FormBody_IsReadLikeJson()
    {
        Api.Members[(-100, 9)] = "administrator";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = "-100", ["user_id"] = "9" });

        using var response = await Http.PostAsync(new Uri($"{Api.BaseUrl}/bot{BotApiDouble.Token}/getChatMember"), form);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("administrator", answer["result"]!["status"]!.ToString());
    }

    [Fact]
    public async Task WrongToken_IsUnauthorized()
    {
        using var response = await Http.PostAsync(new Uri($"{Api.BaseUrl}/bot1:wrong/getMe"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetUpdates_WhileAWebhookIsSet_Is409UntilDeleteWebhook()
    {
        var client = new global::Telegram.Bot.TelegramBotClient(new global::Telegram.Bot.TelegramBotClientOptions(BotApiDouble.Token, Api.BaseUrl) { RetryCount = 0 });
        await global::Telegram.Bot.TelegramBotClientExtensions.SetWebhook(client, "https://bot.example.org/hook", secretToken: "abc_DEF-1");

        var refused = await Assert.ThrowsAsync<global::Telegram.Bot.Exceptions.ApiRequestException>(() => global::Telegram.Bot.TelegramBotClientExtensions.GetUpdates(client));

        Assert.Equal(409, refused.ErrorCode);
        Assert.Contains("can't use getUpdates method while webhook is active", refused.Message, StringComparison.Ordinal);
        await global::Telegram.Bot.TelegramBotClientExtensions.DeleteWebhook(client);
        Assert.Empty(await global::Telegram.Bot.TelegramBotClientExtensions.GetUpdates(client));
        Assert.Equal("", (await global::Telegram.Bot.TelegramBotClientExtensions.GetWebhookInfo(client)).Url);
    }

    [Theory]
    [InlineData("http://bot.example.org/hook", null, null, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")]
    [InlineData("https://bot.example.org:8080/hook", null, null, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")]
    [InlineData("https://bot.example.org/hook", "with space", null, "Bad Request: secret token contains unallowed characters")]
    [InlineData("https://bot.example.org/hook", null, 101, "Bad Request: max_connections must be between 1 and 100")]
    [InlineData("https://bot.example.org/hook", null, 0, "Bad Request: max_connections must be between 1 and 100")]
    public async Task SetWebhook_RefusesWhatTheBotApiDoesNotAllow(string url, string? secret, int? maxConnections, string description)
    {
        var body = new JsonObject { ["url"] = url };
        if (secret is not null)
        {
            body["secret_token"] = secret;
        }

        if (maxConnections is { } max)
        {
            body["max_connections"] = max;
        }

        var (code, answer) = await PostAsync("setWebhook", body);

        Assert.Equal(400, code);
        Assert.False(answer["ok"]!.GetValue<bool>());
        Assert.Equal(400, answer["error_code"]!.GetValue<int>());
        Assert.Equal(description, answer["description"]!.ToString());
        Assert.Null(Api.WebhookUrl);
    }

    private async Task<(int Status, JsonObject Answer)> PostAsync(string method, JsonObject body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri($"{Api.BaseUrl}/bot{BotApiDouble.Token}/{method}"), body);
        return ((int)response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}

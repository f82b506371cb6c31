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

    private async Task<(int Status, JsonObject Answer)> PostAsync(string method, JsonObject body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri($"{Api.BaseUrl}/bot{BotApiDouble.Token}/{method}"), body);
        return ((int)response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}

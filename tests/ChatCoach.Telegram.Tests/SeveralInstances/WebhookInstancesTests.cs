using System.Text.RegularExpressions;
using ChatCoach.Telegram.BotApi;
using ChatCoach.Telegram.Tests.Fakes;
using ChatCoach.Telegram.Tests.Receiving;

namespace ChatCoach.Telegram.Tests.SeveralInstances;

/// <summary>
/// Two webhook instances on one PostgreSQL database behind a round-robin load balancer (the double's): every
/// update answered once, one chat's answers in the order its messages were sent, and an update delivered to the
/// other instance too (a retry that crossed the answer) not answered again.
/// </summary>
[Collection(OneTestBotPollerAtATime.Name)]
public sealed partial class WebhookInstancesTests : SharedDatabaseTests
{
    private Task<TelegramTestHost> StartInstanceAsync(string name) => StartInstanceAsync(name, WebhookTests.WebhookSettings(maxConnections: 4));

    [PostgresFact]
    public async Task TwoInstances_RoundRobin_EveryUpdateAnsweredOnceAndEachChatInOrder()
    {
        await using var first = await StartInstanceAsync("first");
        await using var second = await StartInstanceAsync("second");
        Api.WebhookBackends = [first.Webhook.Address!.ToString(), second.Webhook.Address!.ToString()];
        int[] chats = [801, 802, 803, 804, 805];
        for (var n = 0; n < 6; n++)
        {
            foreach (var chat in chats)
            {
                Api.Enqueue(Updates.PrivateMessage(chat, $"/echo c{chat}-n{n}-end"));
            }
        }

        await first.WaitUntilAsync(() => Api.Unconfirmed == 0, "every update answered 200", idleStep: TimeSpan.FromMilliseconds(100));

        var answers = Answers();
        Assert.Equal(30, answers.Count);
        Assert.Equal(30, answers.Distinct().Count());
        foreach (var chat in chats)
        {
            Assert.Equal([.. Enumerable.Range(0, 6).Select(n => $"c{chat}-n{n}")], answers.Where(a => a.StartsWith($"c{chat}-", StringComparison.Ordinal)));
        }

        // Both instances served, and never more than max_connections at once between them.
        var targets = Api.WebhookDeliveries.GroupBy(d => new Uri(d.Target).Port).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, targets.Count);
        Assert.All(targets.Values, count => Assert.True(count >= 10, $"deliveries per instance: {string.Join(", ", targets.Values)}"));
        Assert.True(Api.MostWebhookDeliveriesInFlight <= 4);

        // The first update (update_id 1) again, to each instance: both find it done in the shared database.
        var repeat = Updates.PrivateMessage(801, "/echo c801-n0-end");
        repeat["update_id"] = 1;
        using var http = new HttpClient();
        foreach (var bot in new[] { first, second })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await WebhookTests.PostAsync(http, bot, repeat, WebhookTests.Secret)).Status);
        }

        Assert.Equal(30, Answers().Count);
        Assert.Equal(0, Api.GetUpdatesConflicts);
        Assert.Equal(0, Api.CountOf("getUpdates"));
    }

    private List<string> Answers() => [.. Api.Sent.Select(c => Marker().Match(c.Text)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("(c[0-9]+-n[0-9]+)-end")]
    private static partial Regex Marker();
}

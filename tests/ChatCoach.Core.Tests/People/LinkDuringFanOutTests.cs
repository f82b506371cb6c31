using System.Collections.Concurrent;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ChatCoach.Core.Tests.People;

/// <summary>A daily-post fan-out in flight while <c>/link CODE</c> merges two people whose chats are subscribed.</summary>
public sealed class LinkDuringFanOutTests
{
    private const string TelegramGroup = "-300";
    private const string DiscordChannel = "chan-1";

    private static PersonKey Telegram => PeopleWorld.Telegram;

    private static PersonKey Discord => PeopleWorld.Discord;

    [Fact]
    public async Task Link_WhileThePostsAreBeingSent_EveryPostSentOnce_EveryDoneCountedOnce()
    {
        for (var round = 0; round < 10; round++)
        {
            // 2026-11-02 12:00 UTC: each account subscribes its group to 11:00 (from tomorrow) and does today.
            var world = new PeopleWorld();
            await world.SayAsync(Telegram, "/subscribe 11:00", group: TelegramGroup);
            await world.SayAsync(Discord, "/subscribe 11:00", group: DiscordChannel);
            await world.SayAsync(Telegram, "/done", group: TelegramGroup);
            await world.SayAsync(Discord, "/done", group: DiscordChannel);
            world.NextDay();
            var code = await world.CodeAsync(Discord);

            var telegramSender = new GatedChatSender("telegram");
            var discordSender = new GatedChatSender("discord");
            var deliveries = new InMemoryDeliveryLog();
            var runner = new DailyPostRunner(
                world.Subscriptions,
                deliveries,
                [telegramSender, discordSender],
                new RoutinePlanner(RoutineTestData.Catalog),
                RoutineTestData.Catalog,
                world.Time,
                Options.Create(new SchedulerOptions()),
                NullLogger<DailyPostRunner>.Instance);

            // Both posts are in flight (the platforms haven't answered) when the link and the Done presses arrive.
            var fanOut = Task.Run(() => runner.RunDueAsync(CancellationToken.None));
            await Task.WhenAll(telegramSender.Entered.Task, discordSender.Entered.Task).WaitAsync(TimeSpan.FromSeconds(30));
            var link = Task.Run(() => world.TextAsync(Telegram, "/link " + code));
            var presses = new[]
            {
                Task.Run(() => world.PressAsync(Telegram, RoutineReplies.DoneAction, group: TelegramGroup)),
                Task.Run(() => world.PressAsync(Discord, RoutineReplies.DoneAction, group: DiscordChannel)),
            };

            // Let the platforms answer at different points of the link (before, during or after it).
            if (round % 2 == 0)
            {
                telegramSender.Release();
                discordSender.Release();
            }

            var linked = await link.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.WhenAll(presses).WaitAsync(TimeSpan.FromSeconds(30));
            telegramSender.Release();
            discordSender.Release();
            Assert.Equal(2, await fanOut.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));

            // Every post sent once, and logged as sent.
            Assert.Equal([TelegramGroup], telegramSender.Sent.Select(c => c.ChatId));
            Assert.Equal([DiscordChannel], discordSender.Sent.Select(c => c.ChatId));
            Assert.Equal(2, deliveries.All.Count(d => d.Status == DeliveryStatus.Sent));
            Assert.All(world.Subscriptions.All, s => Assert.Equal(Instant.FromUtc(2026, 11, 4, 11, 0), s.NextDue));

            // One person: both days there, each once (both did both), folded into one streak; nothing left under the
            // merged-away key.
            Assert.Contains("Accounts linked", linked, StringComparison.Ordinal);
            Assert.Equal(Discord, await world.Links.FindPersonAsync(Telegram, default));
            var yesterday = new LocalDate(2026, 11, 2);
            var today = yesterday.PlusDays(1);
            Assert.Equal([yesterday, today], await world.Completions.GetAllDatesAsync(Discord, default));
            Assert.Empty(await world.Completions.GetAllDatesAsync(Telegram, default));
            Assert.Equal(2, (await world.Summaries.FindAsync(Discord, default))!.State.Total);
            Assert.Equal(2, (await world.Summaries.FindAsync(Discord, default))!.State.Run);

            // The next day's presses on both accounts count once, and the next posts go out once each.
            world.NextDay();
            await Task.WhenAll(
                Task.Run(() => world.PressAsync(Telegram, RoutineReplies.DoneAction, group: TelegramGroup)),
                Task.Run(() => world.PressAsync(Discord, RoutineReplies.DoneAction, group: DiscordChannel)));
            Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));

            Assert.Equal([yesterday, today, today.PlusDays(1)], await world.Completions.GetAllDatesAsync(Discord, default));
            Assert.Equal(3, (await world.Summaries.FindAsync(Discord, default))!.State.Run);
            Assert.Equal(2, telegramSender.Sent.Count);
            Assert.Equal(2, discordSender.Sent.Count);
        }
    }

    /// <summary>A platform that holds the first post until released, as a slow platform answer would.</summary>
    private sealed class GatedChatSender(string platform) : IChatSender
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<ChatAddress> Sent { get; } = new();

        public string Platform => platform;

        public void Release() => _release.TrySetResult();

        public async Task<SendOutcome> SendAsync(ChatAddress chat, Reply reply, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            Sent.Enqueue(chat);
            return SendOutcome.Sent;
        }
    }
}

using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using NodaTime;

namespace ChatCoach.Telegram.Tests.SeveralInstances;

/// <summary>A private chat's subscription whose post fell due a second ago (one post per chat, so the per-chat second never binds).</summary>
internal static class DueSubscription
{
    public static Subscription InPrivateChat(long chatId, Instant now) => new()
    {
        Chat = new ChatAddress("telegram", chatId.ToString(CultureInfo.InvariantCulture)),
        LocalTime = new LocalTime(7, 0),
        CreatedBy = new PersonKey("telegram", chatId.ToString(CultureInfo.InvariantCulture)),
        ChangedAt = now - Duration.FromHours(1),
        NextLocalDate = now.InUtc().Date,
        NextDue = now - Duration.FromSeconds(1),
    };
}

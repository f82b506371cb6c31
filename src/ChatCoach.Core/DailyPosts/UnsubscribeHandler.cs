using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.DailyPosts;

/// <summary><c>/unsubscribe</c>: stops this chat's daily posts.</summary>
public sealed class UnsubscribeHandler(ISubscriptionStore subscriptions, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "unsubscribe";

    public string Usage => "unsubscribe";

    public string Description => "Stop the daily routine posts in this chat";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        var culture = await cultures.CultureOrEnglishAsync(message, cancellationToken);
        if (!message.IsDirect && !message.IsAdmin)
        {
            return SubscribeHandler.Refusal("unsubscribe", culture);
        }

        return await subscriptions.DeleteAsync(message.Chat, cancellationToken)
            ? Reply.Text(PeopleTexts.Get("unsub.title", culture), PeopleTexts.Get("unsub.stopped", culture))
            : Reply.Text(PeopleTexts.Get("unsub.title", culture), PeopleTexts.Get("unsub.none", culture));
    }
}

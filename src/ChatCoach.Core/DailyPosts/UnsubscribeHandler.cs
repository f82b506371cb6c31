using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.DailyPosts;

/// <summary><c>/unsubscribe</c>: stops this chat's daily posts.</summary>
public sealed class UnsubscribeHandler(ISubscriptionStore subscriptions) : ICommandHandler
{
    public string Name => "unsubscribe";

    public string Usage => "unsubscribe";

    public string Description => "Stop the daily routine posts in this chat";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        if (!message.IsDirect && !message.IsAdmin)
        {
            return SubscribeHandler.Refusal("stop the daily posts");
        }

        return await subscriptions.DeleteAsync(message.Chat, cancellationToken)
            ? Reply.Text("Daily routine", "Stopped: no more daily routine posts in this chat. Send /subscribe to start again.")
            : Reply.Text("Daily routine", "This chat has no daily routine posts, so there was nothing to stop. Send /subscribe to start them.");
    }
}

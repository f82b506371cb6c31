using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;

namespace ChatCoach.Core.Coaching;

/// <summary><c>/remind HH:MM</c> and <c>/remind off</c>: the streak-saver nudge, personal, so only in a direct chat.</summary>
public sealed class ReminderHandler(ReminderService reminders) : ICommandHandler
{
    public string Name => "remind";

    public string Usage => "remind HH:MM|off";

    public string Description => "A private nudge at that time on days your routine isn't done yet";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        if (!message.IsDirect)
        {
            return new Reply
            {
                Title = "Reminders are personal",
                Blocks = [new Paragraph("A reminder comes to you alone, so set it in a direct chat with me: send /remind 19:30 there.")],
                IsPrivate = true,
            };
        }

        var argument = request.Arguments.Trim();
        if (argument.Length == 0)
        {
            var current = await reminders.GetAsync(message.Person, cancellationToken);
            return new Reply
            {
                Title = "Streak-saver reminder",
                Blocks =
                [
                    new Paragraph(current switch
                    {
                        null => "No reminder set. /remind 19:30 sends you a nudge at 19:30 your time on days you haven't pressed Done yet.",
                        { Enabled: false } => "Your reminder stopped because I couldn't message you any more. Set it again with /remind HH:MM.",
                        _ => string.Create(CultureInfo.InvariantCulture, $"Your reminder: {current.LocalTime:HH:mm} your time, only on days not done yet. /remind off stops it."),
                    }),
                ],
                IsPrivate = true,
            };
        }

        if (argument.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            var removed = await reminders.OffAsync(message.Person, cancellationToken);
            return new Reply
            {
                Title = removed ? "Reminder off" : "No reminder set",
                Blocks = [new Paragraph(removed ? "No more reminders. /remind HH:MM sets one again." : "There was no reminder to stop. /remind 19:30 sets one.")],
                IsPrivate = true,
            };
        }

        if (!PostTimeParser.TryParse(argument, out var time))
        {
            return Reply.Error(
                $"\"{(argument.Length > 30 ? argument[..30] + "…" : argument)}\" isn't a time. Give it as HH:MM in your own time, or off.",
                "/remind 19:30",
                "/remind 7pm",
                "/remind off");
        }

        var reminder = await reminders.SetAsync(message.Person, message.Chat, time, cancellationToken);
        return new Reply
        {
            Title = "Reminder set ⏰",
            Blocks =
            [
                new Paragraph(string.Create(
                    CultureInfo.InvariantCulture,
                    $"I'll nudge you at {time:HH:mm} your time on days you haven't pressed Done yet (not while paused), at most once a day. First one: {reminder.NextLocalDate:ddd d MMM}, if needed. /remind off stops it.")),
            ],
            IsPrivate = true,
        };
    }
}

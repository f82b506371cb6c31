using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using NodaTime.Text;

namespace ChatCoach.Core.Coaching;

/// <summary><c>/remind HH:MM</c> and <c>/remind off</c>: the streak-saver nudge, personal, so only in a direct chat.</summary>
public sealed class ReminderHandler(ReminderService reminders, PersonCultures? cultures = null) : ICommandHandler
{
    /// <summary>A reminder's time as people type it back: 24-hour, the same in every language.</summary>
    internal static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public string Name => "remind";

    public string Usage => "remind HH:MM|off";

    public string Description => "A private nudge at that time on days your routine isn't done yet";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        var (language, _) = cultures is null ? (Languages.English, false) : await cultures.LanguageOfAsync(message, cancellationToken);
        var culture = Languages.CultureOf(language);
        if (!message.IsDirect)
        {
            return Private(CoachingTexts.Get("remind.group.title", culture), CoachingTexts.Get("remind.group", culture));
        }

        var argument = request.Arguments.Trim();
        if (argument.Length == 0)
        {
            var current = await reminders.GetAsync(message.Person, cancellationToken);
            return Private(CoachingTexts.Get("remind.title", culture), current switch
            {
                null => CoachingTexts.Get("remind.none", culture),
                { Enabled: false } => CoachingTexts.Get("remind.stopped", culture),
                _ => CoachingTexts.Format("remind.current", culture, TimePattern.Format(current.LocalTime)),
            });
        }

        if (argument.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            var removed = await reminders.OffAsync(message.Person, cancellationToken);
            return removed
                ? Private(CoachingTexts.Get("remind.off.title", culture), CoachingTexts.Get("remind.off", culture))
                : Private(CoachingTexts.Get("remind.off.none.title", culture), CoachingTexts.Get("remind.off.none", culture));
        }

        if (!PostTimeParser.TryParse(argument, out var time))
        {
            return ChatTexts.Error(
                culture,
                CoachingTexts.Format("remind.badTime", culture, argument.Length > 30 ? argument[..30] + "…" : argument),
                "/remind 19:30",
                "/remind 7pm",
                "/remind off");
        }

        var reminder = await reminders.SetAsync(message.Person, message.Chat, time, cancellationToken, language);
        return Private(
            CoachingTexts.Get("remind.set.title", culture),
            CoachingTexts.Format("remind.set", culture, TimePattern.Format(time), ChatTexts.Day(reminder.NextLocalDate, culture)));
    }

    private static Reply Private(string title, string text) => new()
    {
        Title = title,
        Blocks = [new Paragraph(text)],
        IsPrivate = true,
    };
}

using System.Globalization;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Scheduling;
using ChatCoach.Core.TimeZones;
using NodaTime;

namespace ChatCoach.Core.Subscriptions;

/// <summary><c>/subscribe [HH:MM] [focus]</c>: the day's routine posted to this chat every day at a local time.</summary>
public sealed partial class SubscribeHandler(ISubscriptionStore subscriptions, PersonZones zones) : ICommandHandler
{
    public static LocalTime DefaultTime { get; } = new(7, 0);

    public string Name => "subscribe";

    public string Usage => "subscribe [HH:MM] [hips|ankles|recovery]";

    public string Description => "Post the daily routine in this chat at a set time (default 07:00)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        if (!message.IsDirect && !message.IsAdmin)
        {
            return Refusal("set up daily posts");
        }

        if (!TryReadArguments(request.Arguments, out var time, out var focus, out var error))
        {
            return error;
        }

        var (zoneId, zone) = await zones.ZoneOfAsync(message.Person, cancellationToken);
        var now = zones.Now;
        var (date, due) = PostTimes.NextAfter(now, time, zone);
        var existing = await subscriptions.FindAsync(message.Chat, cancellationToken);
        await subscriptions.SaveAsync(
            new Subscription
            {
                Chat = message.Chat,
                LocalTime = time,
                ZoneId = zoneId,
                Focus = focus.ToId(),
                CreatedBy = message.Person,
                InDirectChat = message.IsDirect,
                ChangedAt = now,
                NextLocalDate = date,
                NextDue = due,
            },
            cancellationToken);

        var local = due.InZone(zone);
        var when = date == now.InZone(zone).Date ? "today" : "tomorrow";
        var focusText = focus.ToId() is { } id ? $"{id}-focused" : "balanced";
        var zoneText = zoneId is null
            ? "Times are in UTC because your time zone isn't set. Send /timezone with your zone (for example /timezone Europe/London), then /subscribe again to move the post to your local time."
            : $"Times are in {Zones.Describe(zoneId)}, your zone when you subscribed; after changing it with /timezone, /subscribe again.";
        var blocks = new List<ReplyBlock>
        {
            new Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{(existing is null ? "Subscribed" : "Updated")}: a {focusText} routine in this chat every day at {time:HH:mm}.")),
            new Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Next post: {when}, {local:ddd d MMM} at {local:HH:mm}.")),
            new Paragraph(zoneText),
            new Paragraph("Send /unsubscribe to stop."),
        };
        return new Reply { Title = "Daily routine", Blocks = blocks, Kind = ReplyKinds.Info };
    }

    internal static Reply Refusal(string what) => Reply.Error(
        $"Only an admin of this chat can {what} here.",
        "Ask an admin of this group or channel, or message me directly to get your own daily routine.");

    private static bool TryReadArguments(string arguments, out LocalTime time, out RoutineFocus focus, out Reply error)
    {
        time = DefaultTime;
        focus = RoutineFocus.Balanced;
        error = null!;
        var timeSeen = false;
        var focusSeen = false;
        var words = MeridiemSpace().Replace(arguments ?? "", "$1$2")
            .Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            if (PostTimeParser.LooksLikeTime(word))
            {
                if (!PostTimeParser.TryParse(word, out var parsed))
                {
                    error = BadTime(word);
                    return false;
                }

                if (timeSeen)
                {
                    error = TooMany();
                    return false;
                }

                time = parsed;
                timeSeen = true;
            }
            else if (focusSeen && RoutineFoci.TryParse(word, out _))
            {
                error = TooMany();
                return false;
            }
            else if (!RoutineFoci.TryParse(word, out focus))
            {
                error = Reply.Error(
                    RoutineFoci.UnknownFocusMessage(word),
                    [.. PostTimeParser.Examples, "/subscribe — balanced routine at 07:00"]);
                return false;
            }
            else
            {
                focusSeen = true;
            }
        }

        return true;
    }

    private static Reply TooMany() => Reply.Error(
        "Give one time and at most one focus: one daily post per chat.",
        [.. PostTimeParser.Examples]);

    private static Reply BadTime(string word)
    {
        var shown = word.Length > 20 ? word[..20] + "…" : word;
        return Reply.Error(
            $"\"{shown}\" isn't a time I can read. Use 24-hour HH:MM like 07:30 or 19:00, or 7am / 7pm.",
            [.. PostTimeParser.Examples]);
    }

    [GeneratedRegex(@"([0-9])\s+(am|pm|a\.m\.|p\.m\.)(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MeridiemSpace();
}

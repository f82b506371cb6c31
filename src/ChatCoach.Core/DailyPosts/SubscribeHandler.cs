using System.Globalization;
using System.Text.RegularExpressions;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Routines;
using NodaTime;

namespace ChatCoach.Core.DailyPosts;

/// <summary><c>/subscribe [HH:MM] [focus]</c>: the day's routine posted to this chat every day at a local time.</summary>
public sealed partial class SubscribeHandler(ISubscriptionStore subscriptions, PersonClock clock, PersonCultures? cultures = null) : ICommandHandler
{
    public static LocalTime DefaultTime { get; } = new(7, 0);

    public string Name => "subscribe";

    public string Usage => "subscribe [HH:MM] [hips|ankles|recovery] [zh|en]";

    public string Description => "Post the daily routine in this chat at a set time (default 07:00)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        var personal = cultures is null ? Languages.English : (await cultures.LanguageOfAsync(message, cancellationToken)).Language;
        if (!message.IsDirect && !message.IsAdmin)
        {
            return Refusal("subscribe", Languages.CultureOf(personal));
        }

        if (!TryReadArguments(request.Arguments, Languages.CultureOf(personal), out var time, out var focus, out var chosenLanguage, out var error))
        {
            return error;
        }

        // The posts keep the language of the person who set them up, unless they named one.
        var language = chosenLanguage ?? personal;
        var culture = Languages.CultureOf(language);

        var (zoneId, zone) = await clock.ZoneOfAsync(message.Person, cancellationToken);
        var now = clock.Now;
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
                Language = language,
                ChangedAt = now,
                NextLocalDate = date,
                NextDue = due,
            },
            cancellationToken);

        var local = due.InZone(zone);
        var next = date == now.InZone(zone).Date ? "sub.next.today" : "sub.next.tomorrow";
        var focusText = ChatTexts.Get("sub.focus." + (focus.ToId() ?? "balanced"), culture);
        var zoneText = zoneId is null
            ? ChatTexts.Get("sub.zone.utc", culture)
            : ChatTexts.Format("sub.zone.set", culture, Zones.Describe(zoneId, culture));
        var blocks = new List<ReplyBlock>
        {
            new Paragraph(ChatTexts.Format(existing is null ? "sub.subscribed" : "sub.updated", culture, focusText, Clock(time))),
            new Paragraph(ChatTexts.Format(next, culture, ChatTexts.Day(local.Date, culture), Clock(local.TimeOfDay))),
            new Paragraph(zoneText),
        };

        // English posts were the only kind before languages; say the language when it is not that, or was asked for.
        if (chosenLanguage is not null || language != Languages.English)
        {
            blocks.Add(new Paragraph(ChatTexts.Format("sub.language", culture, ChatTexts.Get("language.name." + language, culture))));
        }

        blocks.Add(new Paragraph(ChatTexts.Get("sub.stop", culture)));
        return new Reply { Title = ChatTexts.Get("sub.title", culture), Blocks = blocks, Kind = ReplyKinds.Info };
    }

    private static string Clock(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Why a member who is not an admin may not change this chat's posts (<paramref name="command"/>: subscribe or unsubscribe).</summary>
    internal static Reply Refusal(string command, CultureInfo culture) => ChatTexts.Error(
        culture,
        PeopleTexts.Get("sub.refusal." + command, culture),
        PeopleTexts.Get("sub.refusal.hint", culture));

    private static bool TryReadArguments(string arguments, CultureInfo culture, out LocalTime time, out RoutineFocus focus, out string? language, out Reply error)
    {
        time = DefaultTime;
        focus = RoutineFocus.Balanced;
        language = null;
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
                    error = BadTime(word, culture);
                    return false;
                }

                if (timeSeen)
                {
                    error = TooMany(culture);
                    return false;
                }

                time = parsed;
                timeSeen = true;
            }
            else if (Languages.Parse(word) is { } named)
            {
                if (language is not null)
                {
                    error = TooMany(culture);
                    return false;
                }

                language = named;
            }
            else if (focusSeen && RoutineFoci.TryParse(word, out _))
            {
                error = TooMany(culture);
                return false;
            }
            else if (!RoutineFoci.TryParse(word, out focus))
            {
                error = ChatTexts.Error(
                    culture,
                    PeopleTexts.Format("sub.unknownFocus", culture, word.Length > 30 ? word[..30] + "…" : word),
                    [.. PostTimeParser.Examples, PeopleTexts.Get("sub.example.default", culture)]);
                return false;
            }
            else
            {
                focusSeen = true;
            }
        }

        return true;
    }

    private static Reply TooMany(CultureInfo culture) =>
        ChatTexts.Error(culture, PeopleTexts.Get("sub.tooMany", culture), [.. PostTimeParser.Examples]);

    private static Reply BadTime(string word, CultureInfo culture) =>
        ChatTexts.Error(culture, PeopleTexts.Format("sub.badTime", culture, word.Length > 20 ? word[..20] + "…" : word), [.. PostTimeParser.Examples]);

    [GeneratedRegex(@"([0-9])\s+(am|pm|a\.m\.|p\.m\.)(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MeridiemSpace();
}

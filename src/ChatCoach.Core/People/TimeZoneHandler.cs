using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using NodaTime.Text;

namespace ChatCoach.Core.People;

/// <summary><c>/timezone [zone]</c>: shows or sets the zone that decides where a person's day starts and ends.</summary>
public sealed class TimeZoneHandler(StreakService streaks, IPersonStore people, TimeProvider time, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "timezone";

    public IReadOnlyList<string> Aliases => ["tz"];

    public string Usage => "timezone [city | Area/City | UTC+2]";

    public string Description => "Show or set your time zone, so your days start at your midnight";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        var examples = (Languages.IsChinese(culture) ? ZoneInput.ChineseExamples : ZoneInput.Examples).Select(e => $"/timezone {e}").ToArray();
        if (request.Arguments.Length == 0)
        {
            var profile = await people.FindAsync(request.Message.Person, cancellationToken);
            var zoneId = profile?.TimeZoneId;
            var now = PeopleTexts.DayAndTime(PersonClock.NowIn(time, Zones.FromId(zoneId)).LocalDateTime, culture);
            return new Reply
            {
                Title = PeopleTexts.Get("tz.title", culture),
                Blocks =
                [
                    new Paragraph(zoneId is null
                        ? PeopleTexts.Format("tz.unset", culture, now)
                        : PeopleTexts.Format("tz.current", culture, Zones.Describe(zoneId, culture), now)),
                    new BulletList(examples, PeopleTexts.Get("tz.change", culture)),
                ],
                IsPrivate = true,
            };
        }

        if (!ZoneInput.TryParse(request.Arguments, out var id))
        {
            return ChatTexts.Error(culture, PeopleTexts.Format("tz.unknown", culture, ZoneInput.Shorten(request.Arguments)), examples);
        }

        var saved = await streaks.SetZoneAsync(request.Message, id, cancellationToken);
        var local = PersonClock.NowIn(time, Zones.FromId(saved.TimeZoneId));
        return new Reply
        {
            Title = PeopleTexts.Get("tz.set.title", culture),
            Blocks =
            [
                new Paragraph(PeopleTexts.Format("tz.set", culture, Zones.Describe(id, culture), PeopleTexts.DayAndTime(local.LocalDateTime, culture))),
                new Paragraph(PeopleTexts.Get("tz.set.kept", culture)),
            ],
            Notice = PeopleTexts.Format("tz.set.notice", culture, id),
            IsPrivate = true,
        };
    }
}

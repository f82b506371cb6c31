using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using NodaTime.Text;

namespace ChatCoach.Core.People;

/// <summary><c>/timezone [zone]</c>: shows or sets the zone that decides where a person's day starts and ends.</summary>
public sealed class TimeZoneHandler(StreakService streaks, IPersonStore people, TimeProvider time) : ICommandHandler
{
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM, HH:mm");

    public string Name => "timezone";

    public IReadOnlyList<string> Aliases => ["tz"];

    public string Usage => "timezone [city | Area/City | UTC+2]";

    public string Description => "Show or set your time zone, so your days start at your midnight";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var examples = ZoneInput.Examples.Select(e => $"/timezone {e}").ToArray();
        if (request.Arguments.Length == 0)
        {
            var profile = await people.FindAsync(request.Message.Person, cancellationToken);
            var zoneId = profile?.TimeZoneId;
            var now = PersonClock.NowIn(time, Zones.FromId(zoneId));
            return new Reply
            {
                Title = "Your time zone",
                Blocks =
                [
                    new Paragraph(zoneId is null
                        ? $"Not set, so your days are counted in UTC (now {LocalTime.Format(now.LocalDateTime)})."
                        : $"{Zones.Describe(zoneId)} — your local time is {LocalTime.Format(now.LocalDateTime)}."),
                    new BulletList(examples, "To change it"),
                ],
                IsPrivate = true,
            };
        }

        if (!ZoneInput.TryParse(request.Arguments, out var id))
        {
            return Reply.Error(
                $"I don't recognise \"{ZoneInput.Shorten(request.Arguments)}\" as a time zone. Use a city, an IANA zone id or a UTC offset, for example:",
                examples);
        }

        var saved = await streaks.SetZoneAsync(request.Message, id, cancellationToken);
        var local = PersonClock.NowIn(time, Zones.FromId(saved.TimeZoneId));
        return new Reply
        {
            Title = "Time zone set",
            Blocks =
            [
                new Paragraph($"Your time zone is now {Zones.Describe(id)}; your local time is {LocalTime.Format(local.LocalDateTime)}."),
                new Paragraph("Days you've already completed stay as they are; from now on your day starts at midnight in this zone."),
            ],
            Notice = $"Zone: {id}",
            IsPrivate = true,
        };
    }
}

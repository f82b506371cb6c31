using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;

namespace ChatCoach.Core.Routines;

/// <summary>
/// <c>/routine [focus]</c>: today's routine in the asker's local date, with a Done button. In a direct chat, after pain
/// (with coaching registered), the person's gentler version instead, else the routine at their progression level; a
/// group always gets the shared routine.
/// </summary>
public sealed class RoutineHandler(RoutinePlanner planner, ExerciseCatalog catalog, PersonZones zones, CoachingService? coaching = null, ProgressionService? progression = null, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "routine";

    public string Usage => "routine [hips|ankles|recovery]";

    public string Description => "Today's 10–15 minute stretch and strength routine";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RoutineFoci.TryParse(request.Arguments, out var focus))
        {
            return Reply.Error(
                RoutineFoci.UnknownFocusMessage(request.Arguments),
                "/routine — balanced",
                "/routine hips",
                "/routine ankles",
                "/routine recovery — after a run");
        }

        var (_, zone) = await zones.ZoneOfAsync(request.Message.Person, cancellationToken);
        var today = zones.Now.InZone(zone).Date;
        if (coaching is not null && request.Message.IsDirect && await coaching.IsGentleTodayAsync(request.Message.Person, cancellationToken))
        {
            return GentlerRoutine.Build(GentlerRoutine.Plan(catalog, today), catalog.SafetyNote);
        }

        var culture = cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(request.Message, cancellationToken);
        var texts = catalog.In(culture);
        var plan = RoutineReplies.Localize(planner.Plan(today, focus), texts);
        if (progression is not null && request.Message.IsDirect)
        {
            var view = await progression.GetAsync(request.Message.Person, cancellationToken);
            return ProgressionService.BuildIn(plan, view, texts.SafetyNote, culture);
        }

        return RoutineReplies.BuildIn(plan, texts.SafetyNote, culture);
    }
}

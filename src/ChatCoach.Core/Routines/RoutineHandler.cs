using System.Globalization;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.Routines;

/// <summary>
/// <c>/routine [focus]</c>: today's routine in the asker's local date, with a Done button. In a direct chat, after pain
/// (with coaching registered), the person's gentler version instead, else the routine at their progression level; a
/// group or channel always gets the shared routine, compact (<see cref="RoutineReplies.BuildCompact"/>). The compact
/// post's "How to do these" button comes back here as <c>howto 20261202 [focus]</c> and gets that day's full routine,
/// privately.
/// </summary>
public sealed class RoutineHandler(RoutinePlanner planner, ExerciseCatalog catalog, PersonClock clock, CoachingService? coaching = null, ProgressionService? progression = null, PersonCultures? cultures = null) : ICommandHandler, IStartPayloadHandler
{
    public string Name => "routine";

    public string Usage => "routine [hips|ankles|recovery]";

    public string Description => "Today's 10–15 minute stretch and strength routine";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await CultureOfAsync(request, cancellationToken);
        var texts = catalog.In(culture);
        if (RoutineReplies.TryParseInstructions(request.Arguments, out var day, out var dayFocus, out var malformed))
        {
            return malformed
                ? ChatTexts.Error(culture, CoachingTexts.Get("routine.link.broken", culture), CoachingTexts.Get("routine.hint.today", culture))
                : RoutineReplies.InstructionsIn(RoutineReplies.Localize(planner.Plan(day, dayFocus), texts), texts.SafetyNote, culture);
        }

        if (!RoutineFoci.TryParse(request.Arguments, out var focus))
        {
            return ChatTexts.Error(
                culture,
                RoutineFoci.UnknownFocusMessageIn(request.Arguments, culture),
                CoachingTexts.Get("routine.hint.balanced", culture),
                "/routine hips",
                "/routine ankles",
                CoachingTexts.Get("routine.hint.recovery", culture));
        }

        var today = await clock.TodayAsync(request.Message.Person, cancellationToken);
        if (coaching is not null && request.Message.IsDirect && await coaching.IsGentleTodayAsync(request.Message.Person, cancellationToken))
        {
            return GentlerRoutine.BuildIn(RoutineReplies.Localize(GentlerRoutine.Plan(catalog, today), texts), texts.SafetyNote, culture);
        }

        var plan = RoutineReplies.Localize(planner.Plan(today, focus), texts);
        if (progression is not null && request.Message.IsDirect)
        {
            var view = await progression.GetAsync(request.Message.Person, cancellationToken);
            return ProgressionService.BuildIn(plan, view, texts.SafetyNote, culture);
        }

        return RoutineReplies.ForChatIn(plan, texts.SafetyNote, request.Message.IsDirect, culture);
    }

    /// <summary><c>/start howto_20261202_hips</c> (the deep link of a group post's "How to do these"): that day's full routine.</summary>
    public async Task<Reply?> TryOpenAsync(CommandRequest request, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RoutineReplies.TryParseStartPayload(payload, out var date, out var focus))
        {
            return null;
        }

        var culture = await CultureOfAsync(request, cancellationToken);
        var texts = catalog.In(culture);
        return RoutineReplies.InstructionsIn(RoutineReplies.Localize(planner.Plan(date, focus), texts), texts.SafetyNote, culture);
    }

    private async Task<CultureInfo> CultureOfAsync(CommandRequest request, CancellationToken cancellationToken) =>
        cultures is null ? Languages.EnglishCulture : await cultures.CultureOfAsync(request.Message, cancellationToken);
}

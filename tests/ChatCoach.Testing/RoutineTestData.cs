using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;

namespace ChatCoach.Testing;

public static class RoutineTestData
{
    private static readonly Lazy<ExerciseCatalog> LazyCatalog = new(() => ExerciseCatalog.Load(ExerciseCatalog.DefaultPath));

    /// <summary>The shipped catalogue (data/exercises.json copied beside the tests).</summary>
    public static ExerciseCatalog Catalog => LazyCatalog.Value;

    public static CommandRequest Request(InboundMessage message, string command)
    {
        var text = message.Text ?? "";
        var arguments = text.StartsWith('/') ? string.Join(' ', text.Split(' ', 2).Skip(1)).Trim() : text;
        return new CommandRequest(message, command, arguments);
    }
}

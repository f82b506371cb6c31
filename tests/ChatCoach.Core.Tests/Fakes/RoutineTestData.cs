using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;

namespace ChatCoach.Core.Tests.Fakes;

public static class RoutineTestData
{
    private static readonly Lazy<ExerciseCatalog> LazyCatalog = new(() => ExerciseCatalog.Load(ExerciseCatalog.DefaultPath));

    /// <summary>The shipped catalogue (data/exercises.json copied beside the tests).</summary>
    public static ExerciseCatalog Catalog => LazyCatalog.Value;

    public static InboundMessage Direct(string text, string userId = "42") =>
        new("telegram", userId, userId, "Ann", IsDirect: true, IsAdmin: true, text);

    public static InboundMessage Group(string text, bool isAdmin, string chatId = "-1001", string userId = "42") =>
        new("discord", chatId, userId, "Ann", IsDirect: false, isAdmin, text) { ServerId = "guild-7" };

    public static CommandRequest Request(InboundMessage message, string command)
    {
        var text = message.Text ?? "";
        var arguments = text.StartsWith('/') ? string.Join(' ', text.Split(' ', 2).Skip(1)).Trim() : text;
        return new CommandRequest(message, command, arguments);
    }
}

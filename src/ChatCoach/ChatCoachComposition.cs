using ChatCoach.Charts;
using ChatCoach.ConsoleChat;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.People;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Discord;
using ChatCoach.Operations;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram;
using Microsoft.Extensions.Hosting;

namespace ChatCoach;

/// <summary>The whole bot, one line per concern; Program.cs and the host tests both compose it from here.</summary>
public static class ChatCoachComposition
{
    public static IHostApplicationBuilder AddChatCoach(this IHostApplicationBuilder builder, bool consoleChat = true)
    {
        builder.AddLogging();
        builder.AddShutdownTimeout();
        builder.AddSelectedStorage();
        builder.AddConversation();
        builder.AddAdviceEngine();
        builder.AddRoutines();
        builder.AddStreaks();
        builder.AddCoaching();
        builder.AddReminders();
        builder.AddProgressChart();
        builder.AddPeople();
        builder.AddTelegramAdapter();
        builder.AddDiscordAdapter();
        builder.AddConsoleChat(enabled: consoleChat);
        builder.AddOperations(enabled: !ConsoleChatRegistration.Runs(builder, consoleChat));
        return builder;
    }
}

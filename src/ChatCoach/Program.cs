using ChatCoach;
using ChatCoach.Cli;
using ChatCoach.ConsoleChat;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Routines;
using ChatCoach.Core.Streaks;
using ChatCoach.Discord;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram;
using Microsoft.Extensions.Hosting;

var askMode = AskCommand.IsAskInvocation(args);

// In ask mode the arguments are a question, not configuration switches.
var builder = ConfigurationSetup.CreateBuilder(askMode ? [] : args);
builder.AddLogging();
builder.AddStorage();
builder.AddConversation();
builder.AddAdviceEngine();
builder.AddRoutines();
builder.AddStreaks();
builder.AddTelegramAdapter();
builder.AddDiscordAdapter();
builder.AddConsoleChat(enabled: !askMode);

return await StartupGuard.RunAsync(builder, askMode ? host => AskCommand.RunAsync(host, args) : null);

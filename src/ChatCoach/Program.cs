using ChatCoach;
using ChatCoach.Cli;

var askMode = AskCommand.IsAskInvocation(args);

// In ask mode the arguments are a question, not configuration switches.
var builder = ConfigurationSetup.CreateBuilder(askMode ? [] : args);
builder.AddChatCoach(consoleChat: !askMode);

return await StartupGuard.RunAsync(builder, askMode ? host => AskCommand.RunAsync(host, args) : null);
